#pragma once
// Tiny models and tiny reviewed case folders for fine-tuning tests (registry, dialog).

#include "segment/segmentationmodel.h"

#include <QDir>
#include <QString>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace veer::test {

/** A network small enough to train a few steps in well under a second. */
inline NetConfig tinyNet()
{
    NetConfig c;
    c.base = 4;
    c.levels = 2;
    c.maxChannels = 8;
    return c;
}

/** Saves a fresh tiny model with `id` at `path`; returns false on failure. */
inline bool writeTinyModel(const QString &path, const QString &id, std::uint64_t seed = 7)
{
    auto model = SegmentationModel::create(tinyNet(), seed);
    model->info().id = id;
    return model->save(path).ok();
}

/**
 * Writes `count` case folders under `dir` (case0, case1...): sheet.png with a solid and a dashed
 * curve, labels.png, and reviewed.png marking the upper three quarters as reviewed.
 */
inline bool writeTinyCases(const QString &dir, int count, int width = 120, int height = 160)
{
    for (int i = 0; i < count; ++i) {
        const QString caseDir = QStringLiteral("%1/case%2").arg(dir).arg(i);
        if (!QDir().mkpath(caseDir))
            return false;
        cv::Mat grey(height, width, CV_8UC1, cv::Scalar(250));
        cv::Mat labels(height, width, CV_8UC1, cv::Scalar(0));
        for (int x = 0; x < width; x += 20)
            cv::line(grey, {x, 0}, {x, height - 1}, cv::Scalar(200), 1);
        std::vector<cv::Point> a, b;
        for (int y = 0; y < height; ++y) {
            a.emplace_back(int(width / 2 + width / 3 * std::sin((y + 11 * i) / 37.0)), y);
            b.emplace_back(int(width / 2 + width / 3 * std::cos((y + 7 * i) / 29.0)), y);
        }
        cv::polylines(grey, a, false, cv::Scalar(20), 2);
        cv::polylines(labels, a, false, cv::Scalar(1), 2);
        for (size_t k = 0; k + 6 < b.size(); k += 12) {
            std::vector<cv::Point> dash(b.begin() + long(k), b.begin() + long(k) + 6);
            cv::polylines(grey, dash, false, cv::Scalar(40), 2);
            cv::polylines(labels, dash, false, cv::Scalar(2), 2);
        }
        cv::Mat reviewed(height, width, CV_8UC1, cv::Scalar(0));
        reviewed.rowRange(0, height * 3 / 4).setTo(255);
        const std::string base = QFile::encodeName(caseDir).toStdString();
        if (!cv::imwrite(base + "/sheet.png", grey) || !cv::imwrite(base + "/labels.png", labels)
            || !cv::imwrite(base + "/reviewed.png", reviewed))
            return false;
    }
    return true;
}

/** A fingerprint of a folder's files (names, sizes, modification times), to prove nothing was written there. */
inline QString folderFingerprint(const QString &dir)
{
    QString s;
    const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &f : files)
        s += QStringLiteral("%1 %2 %3\n").arg(f.fileName()).arg(f.size()).arg(f.lastModified().toMSecsSinceEpoch());
    return s;
}

} // namespace veer::test
