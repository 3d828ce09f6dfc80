#pragma once

#include "las/lasdocument.h"

#include <QColor>
#include <QPointer>
#include <QWidget>

#include <optional>

namespace veer {

class Document;
class SheetView;
struct CurveScale;

/**
 * The log plot beside the raster: each calibrated track as a column with its grid, the digitized
 * curves drawn on their scales (linear or log, left/right values, wrapped back into the track
 * like the paper does), nulls as breaks, against the sheet view's own depth axis, so it scrolls and
 * zooms with the view. Curve one is solid, curve two dashed, in the overlay's colours; an optional
 * reference LAS is drawn in grey for QC, its curves matched by mnemonic.
 * Does not own the view or the document.
 */
class LogView : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(SheetView &view, QWidget *parent = nullptr);

    void setDocument(Document *document);
    /** The colour of a segmentation class (1 curve one, 2 curve two), as the overlay draws it. */
    void setClassColour(int classId, const QColor &colour);
    QColor classColour(int classId) const;

    void setReference(const std::optional<LasDocument> &las, const QString &name = {});
    /** Reads a reference LAS (core readLas); the error names the file. */
    Status loadReference(const QString &path);
    const std::optional<LasDocument> &reference() const { return mReference; }
    QString referenceName() const { return mReferenceName; }
    /** How many reference curves match a calibrated curve's mnemonic. */
    int matchedReferenceCurves() const;

    // The mapping, exposed for tests: widget pixels from image rows, depths and curve values.
    /** Column of track `track` (all tracks share the width, side by side). */
    QRectF trackRect(int track) const;
    double yOfRow(double row) const;
    /** NaN without a depth calibration. */
    double yOfDepth(double depth) const;
    /** x of `value` on curve `curve` of track `track`, unwrapped (may fall outside the track). */
    double xOfValue(int track, int curve, double value) const;
    int headerHeight() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void setCursorRow(double row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    int trackCount() const;
    /** Offset from the view's viewport to this widget, so rows line up across the splitter. */
    double viewOffset() const;
    void paintGrid(QPainter &p, int track, const CurveScale *scale);
    void paintDepthLines(QPainter &p, double firstRow, double lastRow);
    void paintCurves(QPainter &p, double firstRow, double lastRow);
    void paintReference(QPainter &p, double firstRow, double lastRow);
    void paintHeader(QPainter &p);

    SheetView &mView;
    QPointer<Document> mDocument;
    QColor mClassColour[3];
    std::optional<LasDocument> mReference;
    QString mReferenceName;
    double mCursorRow = -1.0;
    bool mDragging = false;
    int mDragStartY = 0;
    int mDragStartScroll = 0;
};

} // namespace veer
