veer_add_test(tst_feedback SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_feedback.cpp LIBS veer_base)
veer_add_test(tst_heappolicy SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_heappolicy.cpp LIBS veer_base)
