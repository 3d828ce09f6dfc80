veer_add_test(tst_calibration SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_calibration.cpp LIBS veer_calibration)
