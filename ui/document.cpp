#include "document.h"

#include "raster/pngfile.h"
#include "raster/rastersource.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUndoStack>

namespace veer {

namespace {

QString floatsToBase64(const std::vector<float> &values)
{
    const QByteArray raw(reinterpret_cast<const char *>(values.data()), qsizetype(values.size() * sizeof(float)));
    return QString::fromLatin1(raw.toBase64());
}

} // namespace

Document::Document(std::shared_ptr<RasterSource> source, const QString &path, int page)
    : mSource(std::move(source))
    , mSheetPath(path)
    , mPage(page)
    , mUndoStack(new QUndoStack(this))
{
    connect(mUndoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    // A correction on the stack marks the doubt spans it touches Fixed; undoing it takes that back.
    connect(mUndoStack, &QUndoStack::indexChanged, this, [this] {
        if (mReview.updateFixed(*mUndoStack, mCalibration))
            Q_EMIT changed({ChangeEvent::ReviewChanged});
    });
}

Document::~Document()
{
    // The stack clears itself on destruction and would announce that (indexChanged, cleanChanged) to
    // this half-destroyed document and to views that may be going down too: take it down quietly first.
    mUndoStack->blockSignals(true);
    delete mUndoStack;
}

Result<std::unique_ptr<Document>> Document::openSheet(const QString &path, int page)
{
    auto source = RasterSource::open(path, page);
    if (!source)
        return Result<std::unique_ptr<Document>>::failure(source.error());
    return std::unique_ptr<Document>(new Document(source.take(), QFileInfo(path).absoluteFilePath(), page));
}

int Document::sheetWidth() const
{
    return mSource->width();
}

int Document::sheetHeight() const
{
    return mSource->height();
}

void Document::setCalibration(const Calibration &calibration)
{
    mCalibration = calibration;
    Q_EMIT changed({ChangeEvent::CalibrationChanged});
}

void Document::setLabels(const cv::Mat &labels, const cv::Mat &probabilities)
{
    mLabels = labels;
    mProbabilities = probabilities;
    Q_EMIT changed({ChangeEvent::LabelsChanged});
}

void Document::writeLabelPatch(const cv::Rect &rect, const cv::Mat &labels, const cv::Mat &probabilities)
{
    if (mLabels.empty())
        mLabels = cv::Mat::zeros(sheetHeight(), sheetWidth(), CV_8UC1);
    else if (mLabels.u && mLabels.u->refcount > 1)
        mLabels = mLabels.clone();
    labels.copyTo(mLabels(rect));
    if (!probabilities.empty() && !mProbabilities.empty()) {
        if (mProbabilities.u && mProbabilities.u->refcount > 1)
            mProbabilities = mProbabilities.clone();
        probabilities.copyTo(mProbabilities(rect));
    }
    Q_EMIT changed({ChangeEvent::LabelsChanged});
}

void Document::setTrace(const std::optional<TraceResult> &trace)
{
    mTrace = trace;
    mReview.traceChanged(mTrace, mCalibration);
    Q_EMIT changed({ChangeEvent::TraceChanged});
    Q_EMIT changed({ChangeEvent::ReviewChanged});
}

void Document::setReviewBase(const ReviewState::Base &base)
{
    mReview.setBase(base);
    Q_EMIT changed({ChangeEvent::ReviewChanged});
}

void Document::restoreReview(const QJsonObject &json)
{
    mReview.restore(json);
    Q_EMIT changed({ChangeEvent::ReviewChanged});
}

void Document::setTraceAnchors(const std::vector<TraceAnchor> &anchors)
{
    mTraceAnchors = anchors;
    Q_EMIT changed({ChangeEvent::TraceChanged});
}

void Document::setWellHeader(const QJsonObject &header)
{
    if (header == mWellHeader)
        return;
    mWellHeader = header;
    Q_EMIT changed({ChangeEvent::WellHeaderChanged});
}

void Document::setModelId(const QString &id)
{
    if (mModelId == id)
        return;
    mModelId = id;
    Q_EMIT changed({ChangeEvent::ModelChanged});
}

void Document::setFileName(const QString &fileName)
{
    if (mFileName == fileName)
        return;
    mFileName = fileName;
    Q_EMIT fileNameChanged(mFileName);
}

bool Document::isModified() const
{
    return !mUndoStack->isClean();
}

void Document::setClean()
{
    mUndoStack->setClean();
}

QString Document::displayName() const
{
    if (!mFileName.isEmpty())
        return QFileInfo(mFileName).fileName();
    return QFileInfo(mSheetPath).fileName();
}

QJsonObject Document::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("veer-project/1"));
    QJsonObject sheet;
    sheet.insert(QStringLiteral("path"), mSheetPath);
    sheet.insert(QStringLiteral("page"), mPage);
    sheet.insert(QStringLiteral("width"), sheetWidth());
    sheet.insert(QStringLiteral("height"), sheetHeight());
    root.insert(QStringLiteral("sheet"), sheet);
    if (!mCalibration.ties.empty() || !mCalibration.tracks.empty())
        root.insert(QStringLiteral("calibration"), QJsonDocument::fromJson(mCalibration.toJson()).object());
    root.insert(QStringLiteral("model_id"), mModelId);
    if (!mWellHeader.isEmpty())
        root.insert(QStringLiteral("well_header"), mWellHeader);
    if (!mLabels.empty()) {
        QJsonObject labels;
        labels.insert(QStringLiteral("width"), mLabels.cols);
        labels.insert(QStringLiteral("height"), mLabels.rows);
        labels.insert(QStringLiteral("sha1"), QString::fromLatin1(pixelSha1(mLabels)));
        labels.insert(QStringLiteral("probabilities"), !mProbabilities.empty());
        if (!mProbabilities.empty())
            labels.insert(QStringLiteral("probabilities_sha1"),
                          QString::fromLatin1(pixelSha1(mProbabilities)));
        root.insert(QStringLiteral("labels"), labels);
    }
    if (mTrace) {
        QJsonObject trace;
        trace.insert(QStringLiteral("first_row"), mTrace->firstRow);
        trace.insert(QStringLiteral("row_count"), mTrace->rowCount);
        QJsonArray tracks;
        for (const TrackTrace &t : mTrace->tracks) {
            QJsonArray curves;
            for (const CurveTrace &c : t.curves) {
                QJsonObject curve;
                curve.insert(QStringLiteral("class"), c.classId);
                curve.insert(QStringLiteral("column_f32"), floatsToBase64(c.column));
                curve.insert(QStringLiteral("confidence_f32"), floatsToBase64(c.confidence));
                QJsonArray wraps;
                for (const WrapEvent &w : c.wraps)
                    wraps.append(QJsonArray{w.row, w.direction});
                curve.insert(QStringLiteral("wraps"), wraps);
                curves.append(curve);
            }
            tracks.append(QJsonObject{{QStringLiteral("curves"), curves}});
        }
        trace.insert(QStringLiteral("tracks"), tracks);
        root.insert(QStringLiteral("trace"), trace);
    }
    if (!mTraceAnchors.empty()) {
        // Absent when there are none, so projects without anchors read as before.
        QJsonArray anchors;
        for (const TraceAnchor &a : mTraceAnchors)
            anchors.append(QJsonObject{{QStringLiteral("track"), a.trackIndex},
                                       {QStringLiteral("class"), a.classId},
                                       {QStringLiteral("row"), a.row},
                                       {QStringLiteral("column"), a.column}});
        root.insert(QStringLiteral("trace_anchors"), anchors);
    }
    if (const QJsonObject review = mReview.toJson(); !review.isEmpty())
        root.insert(QStringLiteral("review"), review);
    return root;
}

QByteArray Document::serialise() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

} // namespace veer
