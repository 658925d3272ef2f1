// The functions are static inline in include/entente_simd.h.
