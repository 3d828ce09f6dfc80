#include "heappolicy.h"

#include <cstdlib>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace veer {

bool setHeapPolicy(HeapPolicy policy)
{
#if defined(__GLIBC__)
    if (policy == HeapPolicy::KeepForReuse) {
        return mallopt(M_MMAP_MAX, 0) == 1                  // no block mapped on its own
               && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1   // freed memory is kept, not trimmed
               && mallopt(M_TOP_PAD, 64 << 20) == 1;        // grow the heap in 64 MiB steps
    }
    // glibc's default values, held fixed (setting them turns off glibc's adaptive mmap threshold,
    // which would otherwise rise towards 32 MiB as large blocks are freed): blocks of 128 KiB and
    // more mapped on their own, a 128 KiB trim threshold.
    return mallopt(M_MMAP_MAX, 65536) == 1 && mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1
           && mallopt(M_TRIM_THRESHOLD, 128 * 1024) == 1 && mallopt(M_TOP_PAD, 0) == 1;
#else
    (void)policy;
    return false;
#endif
}

} // namespace veer
