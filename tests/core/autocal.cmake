veer_add_test(tst_autocalibration SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_autocalibration.cpp
              LIBS veer_autocal veer_synth opencv_imgproc)
