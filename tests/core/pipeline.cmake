veer_add_test(tst_evaluation SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_evaluation.cpp LIBS veer_evaluation)
