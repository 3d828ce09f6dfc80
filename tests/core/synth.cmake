veer_add_test(tst_synth SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_synth.cpp LIBS veer_synth veer_raster)
