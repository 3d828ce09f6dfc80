#include "pngfile.h"

#include "base/atomicfile.h"

#include <QCryptographicHash>
#include <QFile>

#include <opencv2/imgcodecs.hpp>

#include <vector>

namespace veer {

Status writePngFile(const QString &path, const cv::Mat &image, int compression)
{
    std::vector<uchar> bytes;
    try {
        if (!cv::imencode(".png", image, bytes, {cv::IMWRITE_PNG_COMPRESSION, compression}))
            return Status::failure(QStringLiteral("%1: the image could not be encoded as PNG").arg(path));
    } catch (const cv::Exception &e) {
        return Status::failure(QStringLiteral("%1: the image could not be encoded as PNG: %2")
                                   .arg(path, QString::fromStdString(e.msg)));
    }
    return writeFileAtomically(
        path, QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())));
}

Result<cv::Mat> readPngFile(const QString &path, int type)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<cv::Mat>::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    cv::Mat image;
    try {
        image = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData())),
                             cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &) {
        image.release();
    }
    if (image.empty())
        return Result<cv::Mat>::failure(QStringLiteral("%1: not a readable PNG image").arg(path));
    if (type >= 0 && image.type() != type)
        return Result<cv::Mat>::failure(QStringLiteral("%1: unexpected pixel format").arg(path));
    return image;
}

QByteArray pixelSha1(const cv::Mat &mat)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int y = 0; y < mat.rows; ++y)
        hash.addData(QByteArrayView(mat.ptr<char>(y), qsizetype(mat.cols * mat.elemSize())));
    return hash.result().toHex();
}

} // namespace veer
