#pragma once

// Private to core/segment/*.cpp. Include after <torch/torch.h>; this header deliberately includes
// no torch header itself so that nothing outside the segmentation sources can pull LibTorch in.

#include "segmentationmodel.h"

#include <vector>

namespace veer::net {

/** conv 3x3 -> batch norm -> ReLU. */
struct ConvBnReluImpl : torch::nn::Module
{
    ConvBnReluImpl(int in, int out, int stride = 1, int dilation = 1)
        : conv(register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3)
                                                             .stride(stride)
                                                             .padding(dilation)
                                                             .dilation(dilation)
                                                             .bias(false))))
        , bn(register_module("bn", torch::nn::BatchNorm2d(out)))
        , stride(stride)
        , dilation(dilation)
    {}
    torch::Tensor forward(const torch::Tensor &x)
    {
        if (fusedWeight.defined() && !is_training()) {
            return torch::conv2d(x, fusedWeight, fusedBias, stride, dilation, dilation).relu_();
        }
        return torch::relu(bn(conv(x)));
    }

    /** Folds batch norm into the convolution for inference (one pass less over the activations). */
    void fuse()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor scale = bn->weight / torch::sqrt(bn->running_var + bn->options.eps());
        fusedWeight = (conv->weight * scale.view({-1, 1, 1, 1})).contiguous(torch::MemoryFormat::ChannelsLast);
        fusedBias = bn->bias - bn->running_mean * scale;
    }
    void unfuse()
    {
        fusedWeight = torch::Tensor();
        fusedBias = torch::Tensor();
    }

    torch::nn::Conv2d conv;
    torch::nn::BatchNorm2d bn;
    int64_t stride;
    int64_t dilation;
    torch::Tensor fusedWeight;
    torch::Tensor fusedBias;
};
TORCH_MODULE(ConvBnRelu);

/**
 * VeerNet: a lean U-Net. Full resolution keeps only `base` channels (thin lines need the detail,
 * but full-resolution layers dominate the cost); each level halves the size with a strided
 * convolution and doubles the channels up to a cap. The decoder upsamples with nearest-neighbour
 * (no BLAS-bound transposed convolution), reduces with a 1x1 convolution, adds the skip and refines
 * with one 3x3 convolution. The deepest level uses dilated convolutions for context (dash patterns).
 */
struct VeerNetImpl : torch::nn::Module
{
    explicit VeerNetImpl(const NetConfig &config) : cfg(config)
    {
        const int levels = std::max(1, config.levels);
        for (int l = 0; l <= levels; ++l)
            channels.push_back(std::min(config.maxChannels, config.base << l));
        stem0 = register_module("stem0", ConvBnRelu(1, channels[0]));
        stem1 = register_module("stem1", ConvBnRelu(channels[0], channels[0]));
        for (int l = 1; l <= levels; ++l) {
            down.push_back(register_module("down" + std::to_string(l), ConvBnRelu(channels[size_t(l - 1)], channels[size_t(l)], 2)));
            const int dil = l == levels ? 2 : 1;
            enc.push_back(register_module("enc" + std::to_string(l), ConvBnRelu(channels[size_t(l)], channels[size_t(l)], 1, dil)));
        }
        bottleneck = register_module("bottleneck", ConvBnRelu(channels.back(), channels.back(), 1, 4));
        for (int l = levels; l >= 1; --l) {
            reduce.push_back(register_module("reduce" + std::to_string(l),
                                             torch::nn::Conv2d(torch::nn::Conv2dOptions(channels[size_t(l)], channels[size_t(l - 1)], 1))));
            dec.push_back(register_module("dec" + std::to_string(l), ConvBnRelu(channels[size_t(l - 1)], channels[size_t(l - 1)])));
        }
        head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels[0], 3, 1)));
    }

    /** Input N x 1 x H x W (H, W multiples of 2^levels), normalised; output N x 3 x H x W logits. */
    torch::Tensor forward(torch::Tensor x)
    {
        std::vector<torch::Tensor> skips;
        x = stem1(stem0(x));
        skips.push_back(x);
        for (size_t i = 0; i < down.size(); ++i) {
            x = enc[i](down[i](x));
            if (i + 1 < down.size())
                skips.push_back(x);
        }
        x = bottleneck(x) + x;
        const bool inference = !is_training();
        for (size_t i = 0; i < dec.size(); ++i) {
            x = reduce[i](x);
            x = torch::upsample_nearest2d(x, {x.size(2) * 2, x.size(3) * 2});
            const torch::Tensor &skip = skips[skips.size() - 1 - i];
            x = dec[i](inference ? x.add_(skip) : x + skip);
        }
        return head(x);
    }

    /** Switches to inference with batch norm folded into the convolutions. */
    void prepareInference()
    {
        eval();
        for (auto *m : allBlocks())
            m->fuse();
    }
    /** Back to training: drops the folded weights. */
    void prepareTraining()
    {
        train();
        for (auto *m : allBlocks())
            m->unfuse();
    }

    /**
     * Fine-tuning on a few sheets of one style: batch norm keeps the parent's running statistics
     * (and normalises with them), so the scale and shift learned on the whole mix are not dragged
     * towards the new style. Call after prepareTraining(); the affine parameters still learn.
     */
    void freezeNormStatistics()
    {
        for (const auto &m : modules(/*include_self=*/false)) {
            if (auto *bn = m->as<torch::nn::BatchNorm2dImpl>())
                bn->eval();
        }
    }

    std::vector<ConvBnReluImpl *> allBlocks()
    {
        std::vector<ConvBnReluImpl *> all{stem0.get(), stem1.get(), bottleneck.get()};
        for (auto *list : {&down, &enc, &dec})
            for (auto &m : *list)
                all.push_back(m.get());
        return all;
    }

    int multiple() const { return 1 << std::max(1, cfg.levels); }

    NetConfig cfg;
    std::vector<int> channels;
    ConvBnRelu stem0{nullptr}, stem1{nullptr}, bottleneck{nullptr};
    std::vector<ConvBnRelu> down, enc, dec;
    std::vector<torch::nn::Conv2d> reduce;
    torch::nn::Conv2d head{nullptr};
};
TORCH_MODULE(VeerNet);

/** Multiply-adds x 2 per input pixel of one forward pass, counted from the layer shapes. */
double flopsPerPixel(const NetConfig &config);

} // namespace veer::net

namespace veer {

struct SegmentationModel::Private
{
    ModelInfo info;
    net::VeerNet net{nullptr};

    /** grey CV_8UC1 -> 1 x 1 x H x W float tensor, normalised, channels-last. */
    torch::Tensor toInput(const cv::Mat &grey) const;
    /** Logits -> per-class probabilities (softmax, or sigmoid for the binary framing). */
    torch::Tensor probabilities(const torch::Tensor &logits) const;
    /** 3 x H x W probabilities (any layout) -> labels and optionally P1, P2 x255. A pixel is a curve
     *  where its curve's probability beats backgroundWeight x P(background) and the other curve's. */
    static void labelsFromProbabilities(const torch::Tensor &probs, float backgroundWeight, cv::Mat &labels,
                                        cv::Mat *quantised);
    /** Puts weights into channels-last layout, the fast path for oneDNN convolutions on CPU. */
    void toChannelsLast();
};

} // namespace veer
