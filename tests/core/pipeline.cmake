veer_add_test(tst_evaluation SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_evaluation.cpp LIBS veer_evaluation)
veer_add_test(tst_gridink SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_gridink.cpp LIBS veer_evaluation veer_raster opencv_imgproc)
veer_add_test(tst_inkhint SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_inkhint.cpp LIBS veer_evaluation veer_raster veer_calibration opencv_imgproc opencv_imgcodecs)
veer_add_test(tst_kansaslike SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_kansaslike.cpp LIBS veer_pipeline opencv_imgproc opencv_imgcodecs)
