#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, LLVM 12 and later): parses the command line and runs the
/// fuzzing loop over `callback`. The Swift executables call it from their `main`, because SwiftPM
/// renames an executable's entry point, so libFuzzer's own `main` is not the one the linker uses.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
