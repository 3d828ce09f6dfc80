veer_add_test(tst_curvetracer SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_curvetracer.cpp LIBS veer_trace)
veer_add_test(tst_curvesampler SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_curvesampler.cpp LIBS veer_trace)
veer_add_test(tst_curvetracer_wrap SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_curvetracer_wrap.cpp LIBS veer_trace)
veer_add_test(tst_curvetracer_hard SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_curvetracer_hard.cpp LIBS veer_trace)
veer_add_test(tst_doubtfulspans SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_doubtfulspans.cpp LIBS veer_trace)
veer_add_test(tst_trainingexport SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_trainingexport.cpp LIBS veer_trace)
veer_add_test(tst_localretrace SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_localretrace.cpp LIBS veer_trace)
veer_add_test(tst_traceoptionsjson SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_traceoptionsjson.cpp LIBS veer_trace)

# Throughput of the tracer on a synthetic sheet; a plain executable, not a CTest test.
add_executable(bench_trace ${PROJECT_SOURCE_DIR}/tests/bench/bench_trace.cpp)
target_link_libraries(bench_trace PRIVATE veer_trace)
veer_target_defaults(bench_trace)
