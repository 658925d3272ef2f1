// Byte classification for Entente's hot path: where are the tabs and newlines in 64 bytes?
// SSE2 on x86-64 (always available there), NEON on arm64, a portable loop elsewhere.
#ifndef ENTENTE_SIMD_H
#define ENTENTE_SIMD_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

/// Bit i of *tabs (*newlines) is set when p[i] is '\t' ('\n'), for i in 0..<64.
static inline __attribute__((always_inline)) void entente_masks64(const uint8_t *p, uint64_t *tabs, uint64_t *newlines) {
#if defined(__SSE2__)
    const __m128i t = _mm_set1_epi8('\t'), n = _mm_set1_epi8('\n');
    uint64_t tm = 0, nm = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        tm |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, t)) << (16 * k);
        nm |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, n)) << (16 * k);
    }
    *tabs = tm;
    *newlines = nm;
#elif defined(__ARM_NEON)
    uint64_t tm = 0, nm = 0;
    const uint8x16_t t = vdupq_n_u8('\t'), n = vdupq_n_u8('\n');
    const uint8x16_t bits = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    for (int k = 0; k < 4; k++) {
        uint8x16_t v = vld1q_u8(p + 16 * k);
        uint8x16_t ct = vandq_u8(vceqq_u8(v, t), bits), cn = vandq_u8(vceqq_u8(v, n), bits);
        uint64_t lt = vaddv_u8(vget_low_u8(ct)) | (uint64_t)vaddv_u8(vget_high_u8(ct)) << 8;
        uint64_t ln = vaddv_u8(vget_low_u8(cn)) | (uint64_t)vaddv_u8(vget_high_u8(cn)) << 8;
        tm |= lt << (16 * k);
        nm |= ln << (16 * k);
    }
    *tabs = tm;
    *newlines = nm;
#else
    uint64_t tm = 0, nm = 0;
    for (int i = 0; i < 64; i++) {
        tm |= (uint64_t)(p[i] == '\t') << i;
        nm |= (uint64_t)(p[i] == '\n') << i;
    }
    *tabs = tm;
    *newlines = nm;
#endif
}

#endif
