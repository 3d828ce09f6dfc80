#pragma once

#include <QPointer>
#include <QWidget>

namespace veer {

class Document;
class SheetView;

/**
 * The depth scale beside the sheet view: ticks and labels at round depths from the document's
 * calibration (image rows while it has fewer than two ties) and a marker at the cursor's row.
 * Follows the view's scrolling and zoom; does not own the view or the document.
 */
class DepthRuler : public QWidget
{
    Q_OBJECT

public:
    explicit DepthRuler(SheetView &view, QWidget *parent = nullptr);

    void setDocument(Document *document);
    QSize sizeHint() const override;

public Q_SLOTS:
    void setCursorRow(double row);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    SheetView &mView;
    QPointer<Document> mDocument;
    double mCursorRow = -1.0;
};

} // namespace veer
