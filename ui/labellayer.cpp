#include "labellayer.h"

#include "document.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace veer {

LabelLayer::LabelLayer()
    : mColour{QColor(250, 230, 120), QColor(230, 30, 30), QColor(20, 90, 230)}
{
}

void LabelLayer::setDocument(Document *document)
{
    mDocument = document;
    invalidate();
}

void LabelLayer::setClassVisible(int classId, bool visible)
{
    mVisible[classId] = visible;
    invalidate();
}

void LabelLayer::setClassOpacity(int classId, double opacity)
{
    mOpacity[classId] = std::clamp(opacity, 0.0, 1.0);
    invalidate();
}

void LabelLayer::paint(QPainter &painter, const SheetView &view, const QRectF &imageRect)
{
    if (!mDocument || mDocument->labels().empty() || imageRect.isEmpty())
        return;
    if (!mVisible[0] && !mVisible[1] && !mVisible[2])
        return;
    const cv::Mat &labels = mDocument->labels();
    const QRectF target(view.imageToView(imageRect.topLeft()), view.imageToView(imageRect.bottomRight()));
    const QSize size(std::max(1, int(std::ceil(target.width()))), std::max(1, int(std::ceil(target.height()))));
    if (mCache.isNull() || mCacheRect != imageRect || mCacheSize != size) {
        QRgb colours[kClasses];
        for (int c = 0; c < kClasses; ++c) {
            const QColor col = mColour[c];
            const int a = mVisible[c] ? int(std::lround(mOpacity[c] * 255)) : 0;
            colours[c] = qPremultiply(qRgba(col.red(), col.green(), col.blue(), a));
        }
        mCache = QImage(size, QImage::Format_ARGB32_Premultiplied);
        const double sx = imageRect.width() / size.width();
        const double sy = imageRect.height() / size.height();
        // Zoomed out, a view pixel covers many label pixels: look at up to 3x3 of them so thin
        // curves stay visible, curve classes winning over background.
        const int subX = std::clamp(int(std::ceil(sx)), 1, 3);
        const int subY = std::clamp(int(std::ceil(sy)), 1, 3);
        for (int y = 0; y < size.height(); ++y) {
            QRgb *line = reinterpret_cast<QRgb *>(mCache.scanLine(y));
            for (int x = 0; x < size.width(); ++x) {
                int best = 0;
                for (int j = 0; j < subY && best == 0; ++j) {
                    const int iy = std::clamp(int(imageRect.top() + (y + (j + 0.5) / subY) * sy), 0, labels.rows - 1);
                    const uchar *row = labels.ptr<uchar>(iy);
                    for (int i = 0; i < subX; ++i) {
                        const int ix = std::clamp(int(imageRect.left() + (x + (i + 0.5) / subX) * sx), 0, labels.cols - 1);
                        const int v = std::min<int>(row[ix], 2);
                        if (v != 0 && mVisible[v]) {
                            best = v;
                            break;
                        }
                    }
                }
                line[x] = colours[best];
            }
        }
        mCacheRect = imageRect;
        mCacheSize = size;
    }
    painter.drawImage(QRectF(target.topLeft(), QSizeF(size)), mCache);
}

} // namespace veer
