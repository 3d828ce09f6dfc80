#include <torch/torch.h>

#include "segmentationmodel.h"
#include "veernet_p.h"

#include "base/atomicfile.h"
#include "base/version.h"
#include "raster/rastersource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <opencv2/core.hpp>

#include <sstream>

namespace veer {

namespace {

const char *const kMetadataKey = "veer_metadata";
const QString kArchitecture = QStringLiteral("veernet");
constexpr int kFormatVersion = 1;

} // namespace

QJsonObject NetConfig::toJson() const
{
    return {{QStringLiteral("base"), base},
            {QStringLiteral("levels"), levels},
            {QStringLiteral("max_channels"), maxChannels},
            {QStringLiteral("target"), binaryTarget ? QStringLiteral("binary") : QStringLiteral("softmax")}};
}

NetConfig NetConfig::fromJson(const QJsonObject &o)
{
    NetConfig c;
    c.base = std::clamp(o.value(QStringLiteral("base")).toInt(c.base), 1, 256);
    c.levels = std::clamp(o.value(QStringLiteral("levels")).toInt(c.levels), 1, 6);
    c.maxChannels = std::clamp(o.value(QStringLiteral("max_channels")).toInt(c.maxChannels), 1, 1024);
    c.binaryTarget = o.value(QStringLiteral("target")).toString() == QLatin1String("binary");
    return c;
}

QJsonObject ModelInfo::toJson() const
{
    return {
        {QStringLiteral("format_version"), formatVersion},
        {QStringLiteral("architecture"), architecture},
        {QStringLiteral("id"), id},
        {QStringLiteral("parent_id"), parentId},
        {QStringLiteral("net"), net.toJson()},
        {QStringLiteral("classes"), QJsonArray::fromStringList(classNames)},
        {QStringLiteral("input_normalisation"),
         QJsonObject{{QStringLiteral("scale"), 1.0 / 255.0},
                     {QStringLiteral("mean"), inputMean},
                     {QStringLiteral("std"), inputStd}}},
        {QStringLiteral("training"), training},
        {QStringLiteral("metrics"), metrics},
        {QStringLiteral("software_version"), softwareVersion},
        {QStringLiteral("parameters"), double(parameterCount)},
        {QStringLiteral("flops_per_pixel"), flopsPerPixel},
        {QStringLiteral("decision"), QJsonObject{{QStringLiteral("background_weight"), backgroundWeight}}}};
}

ModelInfo ModelInfo::fromJson(const QJsonObject &o)
{
    ModelInfo m;
    m.formatVersion = o.value(QStringLiteral("format_version")).toInt(0);
    m.architecture = o.value(QStringLiteral("architecture")).toString();
    m.id = o.value(QStringLiteral("id")).toString();
    m.parentId = o.value(QStringLiteral("parent_id")).toString();
    m.net = NetConfig::fromJson(o.value(QStringLiteral("net")).toObject());
    m.classNames.clear();
    for (const QJsonValue &v : o.value(QStringLiteral("classes")).toArray())
        m.classNames << v.toString();
    const QJsonObject norm = o.value(QStringLiteral("input_normalisation")).toObject();
    m.inputMean = norm.value(QStringLiteral("mean")).toDouble(0.5);
    m.inputStd = norm.value(QStringLiteral("std")).toDouble(0.25);
    m.training = o.value(QStringLiteral("training")).toObject();
    m.metrics = o.value(QStringLiteral("metrics")).toObject();
    m.softwareVersion = o.value(QStringLiteral("software_version")).toString();
    m.parameterCount = qint64(o.value(QStringLiteral("parameters")).toDouble());
    m.flopsPerPixel = o.value(QStringLiteral("flops_per_pixel")).toDouble();
    m.backgroundWeight = std::max(1e-3,
                                  o.value(QStringLiteral("decision"))
                                      .toObject()
                                      .value(QStringLiteral("background_weight"))
                                      .toDouble(1.0));
    return m;
}

namespace net {

double flopsPerPixel(const NetConfig &config)
{
    // Counted per output pixel of each layer, scaled to input pixels by 4^-level.
    const int levels = std::max(1, config.levels);
    std::vector<double> ch;
    for (int l = 0; l <= levels; ++l)
        ch.push_back(std::min(config.maxChannels, config.base << l));
    auto conv = [](double in, double out, double k, int level) { return 2.0 * k * k * in * out / std::pow(4.0, level); };
    double f = conv(1, ch[0], 3, 0) + conv(ch[0], ch[0], 3, 0) + conv(ch[0], 3, 1, 0);
    for (int l = 1; l <= levels; ++l) {
        f += conv(ch[size_t(l - 1)], ch[size_t(l)], 3, l) + conv(ch[size_t(l)], ch[size_t(l)], 3, l); // down + enc
        f += conv(ch[size_t(l)], ch[size_t(l - 1)], 1, l);                                            // reduce
        f += conv(ch[size_t(l - 1)], ch[size_t(l - 1)], 3, l - 1);                                    // dec
    }
    f += conv(ch.back(), ch.back(), 3, levels); // bottleneck
    return f;
}

} // namespace net

torch::Tensor SegmentationModel::Private::toInput(const cv::Mat &grey) const
{
    CV_Assert(grey.type() == CV_8UC1);
    cv::Mat contiguous = grey.isContinuous() ? grey : grey.clone();
    torch::Tensor t = torch::from_blob(contiguous.data, {1, 1, grey.rows, grey.cols}, torch::kUInt8).to(torch::kFloat32);
    t = (t * float(1.0 / 255.0) - float(info.inputMean)) * float(1.0 / info.inputStd);
    return t.contiguous(torch::MemoryFormat::ChannelsLast);
}

torch::Tensor SegmentationModel::Private::probabilities(const torch::Tensor &logits) const
{
    return info.net.binaryTarget ? torch::sigmoid(logits) : torch::softmax(logits, 1);
}

void SegmentationModel::Private::labelsFromProbabilities(const torch::Tensor &probs, float backgroundWeight,
                                                         cv::Mat &labels, cv::Mat *quantised)
{
    // A hand-written arg-max over three contiguous planes: torch's arg-max across the channel
    // dimension is an order of magnitude slower here.
    const torch::Tensor p = probs.contiguous();
    const int h = int(p.size(1));
    const int w = int(p.size(2));
    const size_t n = size_t(h) * size_t(w);
    const float *p0 = p.data_ptr<float>();
    const float *p1 = p0 + n;
    const float *p2 = p1 + n;
    labels.create(h, w, CV_8UC1);
    uint8_t *l = labels.ptr<uint8_t>();
    for (size_t i = 0; i < n; ++i) {
        const float b = p0[i] * backgroundWeight;
        l[i] = p1[i] > b && p1[i] >= p2[i] ? 1 : (p2[i] > b && p2[i] > p1[i] ? 2 : 0);
    }
    if (quantised) {
        quantised->create(h, w, CV_8UC2);
        uint8_t *q = quantised->ptr<uint8_t>();
        for (size_t i = 0; i < n; ++i) {
            q[2 * i] = uint8_t(std::clamp(p1[i] * 255.0f + 0.5f, 0.0f, 255.0f));
            q[2 * i + 1] = uint8_t(std::clamp(p2[i] * 255.0f + 0.5f, 0.0f, 255.0f));
        }
    }
}

void SegmentationModel::Private::toChannelsLast()
{
    torch::NoGradGuard noGrad;
    for (auto &p : net->parameters()) {
        if (p.dim() == 4)
            p.set_data(p.data().contiguous(torch::MemoryFormat::ChannelsLast));
    }
}

SegmentationModel::SegmentationModel() : d(std::make_unique<Private>()) {}
SegmentationModel::~SegmentationModel() = default;

const ModelInfo &SegmentationModel::info() const { return d->info; }
ModelInfo &SegmentationModel::info() { return d->info; }

std::unique_ptr<SegmentationModel> SegmentationModel::create(const NetConfig &config, std::uint64_t seed)
{
    torch::manual_seed(seed);
    std::unique_ptr<SegmentationModel> model(new SegmentationModel);
    ModelInfo &info = model->d->info;
    info.formatVersion = kFormatVersion;
    info.architecture = kArchitecture;
    info.net = config;
    info.classNames = {QStringLiteral("background"), QStringLiteral("curve one"), QStringLiteral("curve two")};
    info.softwareVersion = QStringLiteral(VEER_VERSION_STRING);
    model->d->net = net::VeerNet(config);
    model->d->toChannelsLast();
    qint64 count = 0;
    for (const auto &p : model->d->net->parameters())
        count += p.numel();
    info.parameterCount = count;
    info.flopsPerPixel = net::flopsPerPixel(config);
    return model;
}

Result<std::unique_ptr<SegmentationModel>> SegmentationModel::load(const QString &path)
{
    using R = Result<std::unique_ptr<SegmentationModel>>;
    QFile file(path);
    if (!file.exists())
        return R::failure(QStringLiteral("%1: model file not found").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("%1: cannot open model file: %2").arg(path, file.errorString()));
    if (file.size() < 64)
        return R::failure(QStringLiteral("%1: not a Veer model file (too small)").arg(path));
    const QByteArray bytes = file.readAll();
    try {
        torch::serialize::InputArchive archive;
        std::istringstream stream(std::string(bytes.constData(), size_t(bytes.size())));
        archive.load_from(stream);
        c10::IValue meta;
        if (!archive.try_read(kMetadataKey, meta) || !meta.isString())
            return R::failure(QStringLiteral("%1: not a Veer model file (no metadata)").arg(path));
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(meta.toStringRef()), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return R::failure(QStringLiteral("%1: model metadata is corrupt").arg(path));
        ModelInfo info = ModelInfo::fromJson(doc.object());
        if (info.architecture != kArchitecture)
            return R::failure(QStringLiteral("%1: model architecture '%2' is not supported (expected '%3')")
                                  .arg(path, info.architecture, kArchitecture));
        if (info.formatVersion != kFormatVersion)
            return R::failure(QStringLiteral("%1: model format version %2 is not supported (expected %3)")
                                  .arg(path).arg(info.formatVersion).arg(kFormatVersion));
        auto model = create(info.net);
        const qint64 params = model->d->info.parameterCount;
        model->d->net->load(archive);
        model->d->toChannelsLast();
        model->d->net->prepareInference();
        info.parameterCount = params;
        info.flopsPerPixel = net::flopsPerPixel(info.net);
        model->d->info = info;
        return R(std::move(model));
    } catch (const c10::Error &e) {
        return R::failure(QStringLiteral("%1: cannot read the model: %2").arg(path, QString::fromStdString(e.msg()).section(QLatin1Char('\n'), 0, 0)));
    } catch (const std::exception &e) {
        return R::failure(QStringLiteral("%1: cannot read the model: %2").arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

Result<std::unique_ptr<SegmentationModel>> SegmentationModel::average(const QStringList &paths)
{
    using R = Result<std::unique_ptr<SegmentationModel>>;
    if (paths.isEmpty())
        return R::failure(QStringLiteral("no model files to average"));
    std::vector<std::unique_ptr<SegmentationModel>> sources;
    for (const QString &path : paths) {
        auto loaded = load(path);
        if (!loaded.ok())
            return R::failure(loaded.error());
        if (!sources.empty() && (*loaded)->info().net.toJson() != sources.front()->info().net.toJson())
            return R::failure(QStringLiteral("%1: the network's shape differs from %2's; only models of one shape can be averaged")
                                  .arg(path, paths.first()));
        sources.push_back(std::move(*loaded));
    }
    auto out = create(sources.front()->info().net);
    out->d->info = sources.back()->info();
    QJsonArray from;
    for (size_t i = 0; i < sources.size(); ++i) {
        const QJsonObject &training = sources[i]->info().training;
        QJsonObject source{{QStringLiteral("file"), QFileInfo(paths[qsizetype(i)]).fileName()},
                           {QStringLiteral("id"), sources[i]->info().id},
                           {QStringLiteral("epoch"), training.value(QStringLiteral("epochs"))}};
        if (training.contains(QStringLiteral("averaged_from"))) // a mean of means keeps its history
            source.insert(QStringLiteral("averaged_from"), training.value(QStringLiteral("averaged_from")));
        from.append(source);
    }
    out->d->info.training.insert(QStringLiteral("averaged_from"), from);
    out->d->info.metrics = QJsonObject(); // the sources' validation figures do not describe their mean

    torch::NoGradGuard noGrad;
    const double n = double(sources.size());
    // Floating tensors are averaged; counters (num_batches_tracked) keep the last file's value.
    auto meanInto = [&](auto tensorsOf) {
        std::vector<torch::OrderedDict<std::string, torch::Tensor>> from;
        for (const auto &m : sources)
            from.push_back(tensorsOf(*m));
        for (auto &item : tensorsOf(*out)) {
            torch::Tensor &target = item.value();
            if (!torch::isFloatingType(target.scalar_type())) {
                target.copy_(from.back()[item.key()]);
                continue;
            }
            torch::Tensor sum = torch::zeros(target.sizes(), torch::kDouble);
            for (const auto &dict : from)
                sum += dict[item.key()].to(torch::kDouble);
            target.copy_(sum / n);
        }
    };
    meanInto([](SegmentationModel &m) { return m.d->net->named_parameters(true); });
    meanInto([](SegmentationModel &m) { return m.d->net->named_buffers(true); });
    out->d->net->prepareInference();
    return R(std::move(out));
}

Status SegmentationModel::save(const QString &path) const
{
    try {
        torch::serialize::OutputArchive archive;
        d->net->save(archive);
        const QByteArray meta = QJsonDocument(d->info.toJson()).toJson(QJsonDocument::Compact);
        archive.write(kMetadataKey, c10::IValue(meta.toStdString()));
        std::ostringstream stream;
        archive.save_to(stream);
        const std::string bytes = stream.str();
        return writeFileAtomically(path, QByteArray(bytes.data(), qsizetype(bytes.size())));
    } catch (const std::exception &e) {
        return Status::failure(QStringLiteral("%1: cannot write the model: %2").arg(path, QString::fromUtf8(e.what())));
    }
}

SegmentResult SegmentationModel::segmentWhole(const cv::Mat &grey, bool wantProbabilities)
{
    c10::InferenceMode guard;
    d->net->prepareInference();
    const int m = d->net->multiple();
    const int h = (grey.rows + m - 1) / m * m;
    const int w = (grey.cols + m - 1) / m * m;
    cv::Mat padded;
    cv::copyMakeBorder(grey, padded, 0, h - grey.rows, 0, w - grey.cols, cv::BORDER_CONSTANT, cv::Scalar(255));
    torch::Tensor p = d->probabilities(d->net->forward(d->toInput(padded)))
                          .index({0, torch::indexing::Slice(), torch::indexing::Slice(0, grey.rows),
                                  torch::indexing::Slice(0, grey.cols)});
    SegmentResult r;
    Private::labelsFromProbabilities(p, float(d->info.backgroundWeight), r.labels,
                                     wantProbabilities ? &r.probabilities : nullptr);
    return r;
}

} // namespace veer
