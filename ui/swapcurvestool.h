#pragma once

#include "abstracttool.h"

#include <QPointer>

namespace veer {

class Document;

/**
 * The one-gesture crossing fix: drag down (or up) a track to select image rows, and on release
 * curve one and curve two exchange their labels and traces over those rows, as one undo step.
 */
class SwapCurvesTool : public AbstractTool
{
    Q_OBJECT

public:
    explicit SwapCurvesTool(QObject *parent = nullptr);

    void setDocument(Document *document) override;

    void deactivate() override;
    bool mousePressed(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseMoved(QMouseEvent &event, const QPointF &imagePos) override;
    bool mouseReleased(QMouseEvent &event, const QPointF &imagePos) override;
    void paint(QPainter &painter, const SheetView &view) override;
    Qt::CursorShape cursor() const override { return Qt::SplitVCursor; }
    QString statusHint() const override;

private:
    int trackAt(double column) const;
    void updateView();

    QPointer<Document> mDocument;
    int mTrack = -1;  ///< track being selected; -1 when not dragging
    double mStartRow = 0.0;
    double mEndRow = 0.0;
};

} // namespace veer
