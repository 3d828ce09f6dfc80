veer_add_test(tst_segment SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_segment.cpp LIBS veer_segment)

add_executable(quick_segment_speed ${PROJECT_SOURCE_DIR}/tests/bench/quick_segment_speed.cpp)
target_link_libraries(quick_segment_speed PRIVATE veer_segment)
veer_add_test(tst_modelregistry SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_modelregistry.cpp ${CMAKE_CURRENT_SOURCE_DIR}/tinycases.h
              LIBS veer_segment opencv_imgproc opencv_imgcodecs)
