veer_add_test(tst_lasreader SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_lasreader.cpp LIBS veer_las)
veer_add_test(tst_laswriter SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_laswriter.cpp LIBS veer_las)
