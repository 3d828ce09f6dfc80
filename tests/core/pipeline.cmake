veer_add_test(tst_evaluation SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_evaluation.cpp LIBS veer_evaluation)
veer_add_test(tst_gridink SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_gridink.cpp LIBS veer_evaluation opencv_imgproc)
