#include <torch/torch.h>
#include <torch/version.h>

#include "torchprobe.h"

#include <chrono>

namespace veer {

namespace {

template<typename F>
double bestSeconds(F &&f, int repeats)
{
    f(); // warm-up
    double best = 1e30;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

} // namespace

const char *torchVersion()
{
    return TORCH_VERSION;
}

TorchPeak measureTorchPeak(int threads)
{
    c10::InferenceMode guard;
    torch::set_num_threads(std::max(1, threads));
    TorchPeak peak;
    struct Shape { int channels; int size; };
    for (const Shape s : {Shape{16, 512}, Shape{32, 256}, Shape{64, 128}}) {
        const torch::Tensor x = torch::randn({1, s.channels, s.size, s.size}).contiguous(torch::MemoryFormat::ChannelsLast);
        const torch::Tensor w = torch::randn({s.channels, s.channels, 3, 3}).contiguous(torch::MemoryFormat::ChannelsLast);
        const double secs = bestSeconds([&] { torch::conv2d(x, w, {}, 1, 1); }, 5);
        const double flops = 2.0 * 9.0 * s.channels * s.channels * double(s.size) * s.size;
        peak.convGflops = std::max(peak.convGflops, flops / secs / 1e9);
    }
    const torch::Tensor a = torch::randn({1024, 1024});
    const torch::Tensor b = torch::randn({1024, 1024});
    const double secs = bestSeconds([&] { torch::mm(a, b); }, 3);
    peak.gemmGflops = 2.0 * 1024.0 * 1024.0 * 1024.0 / secs / 1e9;
    return peak;
}

} // namespace veer
