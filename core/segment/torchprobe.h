#pragma once

namespace veer {

/** Reference throughputs of this machine's LibTorch, for reporting achieved shares of peak. */
struct TorchPeak
{
    double convGflops = 0.0;  ///< best 3x3 convolution, channels-last, over a few shapes
    double gemmGflops = 0.0;  ///< 1024^2 matrix multiply (BLAS)
};

/** The LibTorch version this build links, e.g. "1.13.1". */
const char *torchVersion();

/** Measures TorchPeak with `threads` intra-op threads (takes a few seconds). */
TorchPeak measureTorchPeak(int threads);

} // namespace veer
