#pragma once

namespace veer {

/** How the C library deals with freed heap memory. */
enum class HeapPolicy {
    SystemDefault, ///< glibc's default values, held fixed: blocks of 128 KiB and more mapped on their own
    KeepForReuse,  ///< every block from the heap, and what is freed stays there for the next one
};

/**
 * Sets the process's heap policy; returns false where it cannot be set (a C library other than
 * glibc). LibTorch allocates and frees buffers of tens of megabytes for every tile it segments and
 * every training step. Under glibc's default each such buffer is mapped from the kernel and handed
 * back when freed, so the kernel zeroes it again page by page: on the 2-core machines training ran
 * at 120 000 page faults a second, with a third of its CPU time in the kernel. KeepForReuse ends
 * that; the process keeps its peak heap (docs/performance.md). The mains of veer and veer-cli set it.
 */
bool setHeapPolicy(HeapPolicy policy);

} // namespace veer
