#include "retraindialog.h"

#include "modeldialog.h"

#include "base/feedback.h"
#include "base/resources.h"
#include "segment/segmentationmodel.h"

#include <QChart>
#include <QChartView>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
#include <QSettings>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>

namespace veer {

/** Epoch reports handed from the worker thread to the GUI thread's poll timer. */
struct RetrainDialog::EpochQueue
{
    std::mutex mutex;
    std::vector<EpochReport> reports;
};

namespace {

QString durationText(double seconds)
{
    const int s = std::max(0, int(std::lround(seconds)));
    if (s < 60)
        return RetrainDialog::tr("%n s", nullptr, s);
    if (s < 3600)
        return RetrainDialog::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return RetrainDialog::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

double figure(const QJsonObject &metrics, const char *cls, const char *key)
{
    const QJsonValue v = metrics.value(QLatin1String(cls)).toObject().value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : -1.0;
}

QString number(double v)
{
    return v < 0 ? QStringLiteral("–") : QString::number(v, 'f', 3);
}

enum VersionColumn { ColId, ColParent, ColCreated, ColValF1, ColHeldApart, ColCount };

} // namespace

RetrainDialog::RetrainDialog(const QString &modelsDir, const QString &shippedPath, QWidget *parent)
    : QDialog(parent)
    , mRegistry(modelsDir, shippedPath)
    , mPoll(new QTimer(this))
{
    setWindowTitle(tr("Retrain Model"));
    mBase.lasFiles = shippedLasFiles();

    auto *top = new QHBoxLayout;
    top->addWidget(createForm(), 3);
    top->addWidget(createVersions(), 5);

    mProgress = new QProgressBar;
    mProgress->setRange(0, 1000);
    mProgress->setTextVisible(true);
    mProgress->setFormat(QStringLiteral("%p%"));
    mEta = new QLabel;
    mEta->setObjectName(QStringLiteral("etaLabel"));
    mEta->setMinimumWidth(190);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(mProgress, 1);
    progressRow->addWidget(mEta);

    mStatus = new QTextBrowser;
    mStatus->setObjectName(QStringLiteral("retrainStatus"));
    mStatus->setMinimumHeight(120);
    mStatus->setMaximumHeight(190);
    mStatus->setOpenLinks(false);

    mStart = new QPushButton(tr("&Start"));
    mStart->setObjectName(QStringLiteral("startButton"));
    mStart->setDefault(true);
    mCancel = new QPushButton(tr("&Cancel Training"));
    mCancel->setObjectName(QStringLiteral("cancelButton"));
    mMakeActive = new QPushButton(tr("Make &Active"));
    mMakeActive->setObjectName(QStringLiteral("makeActiveButton"));
    mRollBack = new QPushButton(tr("&Roll Back"));
    mRollBack->setObjectName(QStringLiteral("rollBackButton"));
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(mStart, QDialogButtonBox::ActionRole);
    buttons->addButton(mCancel, QDialogButtonBox::ActionRole);
    buttons->addButton(mMakeActive, QDialogButtonBox::ActionRole);
    buttons->addButton(mRollBack, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mStart, &QPushButton::clicked, this, &RetrainDialog::start);
    connect(mCancel, &QPushButton::clicked, this, &RetrainDialog::cancel);
    connect(mMakeActive, &QPushButton::clicked, this, &RetrainDialog::makeActive);
    connect(mRollBack, &QPushButton::clicked, this, &RetrainDialog::rollBack);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(createChart(), 1);
    layout->addLayout(progressRow);
    layout->addWidget(mStatus);
    layout->addWidget(buttons);

    mPoll->setInterval(200);
    connect(mPoll, &QTimer::timeout, this, &RetrainDialog::poll);
    connect(&mWatcher, &QFutureWatcher<Output>::finished, this, &RetrainDialog::onFinished);

    refreshVersions();
    setStatus(tr("Choose folders of reviewed sheets (case folders with sheet.png and labels.png, as written by "
                 "<i>Export Training Data</i>) and press Start. The active model is fine-tuned into a new version; "
                 "the shipped default is never changed."));
    resize(1040, 860);
}

RetrainDialog::~RetrainDialog()
{
    mPoll->stop();
    if (mFeedback)
        mFeedback->cancel();
    mWatcher.disconnect(this);
    mWatcher.waitForFinished();
}

QWidget *RetrainDialog::createForm()
{
    auto *box = new QGroupBox(tr("Training"));
    mFolders = new QListWidget;
    mFolders->setObjectName(QStringLiteral("dataFolders"));
    mFolders->setSelectionMode(QAbstractItemView::ExtendedSelection);
    mFolders->setMinimumHeight(60);
    mFolders->setMaximumHeight(110);
    auto *add = new QPushButton(tr("Add Folder..."));
    auto *remove = new QPushButton(tr("Remove"));
    connect(add, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of Reviewed Sheets"),
                                                              settings.value(QStringLiteral("lastTrainingDir")).toString());
        if (!dir.isEmpty()) {
            settings.setValue(QStringLiteral("lastTrainingDir"), dir);
            setDataFolders(dataFolders() << dir);
        }
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(mFolders->selectedItems());
        updateButtons();
    });
    auto *folderButtons = new QVBoxLayout;
    folderButtons->addWidget(add);
    folderButtons->addWidget(remove);
    folderButtons->addStretch();
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(mFolders, 1);
    folderRow->addLayout(folderButtons);

    auto spin = [](int lo, int hi, int value, const QString &suffix) {
        auto *s = new QSpinBox;
        s->setRange(lo, hi);
        s->setValue(value);
        s->setSuffix(suffix);
        return s;
    };
    mReplay = spin(0, 95, 50, tr(" %"));
    mReplay->setObjectName(QStringLiteral("replayShare"));
    mReplay->setToolTip(tr("Share of training crops taken from generated sheets, so the model does not forget what it knew."));
    mHeldApart = spin(0, 50, 20, tr(" %"));
    mHeldApart->setObjectName(QStringLiteral("heldApartShare"));
    mHeldApart->setToolTip(tr("Share of the reviewed sheets kept out of training to compare the new version with its parent "
                              "(of a single sheet, that share of its reviewed rows, the last ones)."));
    mBudget = spin(1, 24 * 60, 10, tr(" min"));
    mBudget->setObjectName(QStringLiteral("timeBudget"));
    mBudget->setToolTip(tr("Training stops after the epoch that passes this time."));
    mEpochs = spin(1, 200, 4, QString());
    mEpochs->setObjectName(QStringLiteral("epochs"));

    auto *form = new QFormLayout;
    form->addRow(tr("Replay of generated sheets:"), mReplay);
    form->addRow(tr("Held apart for comparison:"), mHeldApart);
    form->addRow(tr("Time budget:"), mBudget);
    form->addRow(tr("Epochs at most:"), mEpochs);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(new QLabel(tr("Folders of reviewed sheets:")));
    layout->addLayout(folderRow);
    layout->addLayout(form);
    return box;
}

QWidget *RetrainDialog::createVersions()
{
    auto *box = new QGroupBox(tr("Model versions"));
    mVersions = new QTreeWidget;
    mVersions->setObjectName(QStringLiteral("modelVersions"));
    mVersions->setRootIsDecorated(false);
    mVersions->setColumnCount(ColCount);
    mVersions->setHeaderLabels({tr("Version"), tr("Parent"), tr("Created"), tr("Val. F1 c1/c2"), tr("Held-apart F1 c1/c2")});
    mVersions->headerItem()->setToolTip(ColValF1, tr("Strict F1 of curve one / curve two on generated validation sheets"));
    mVersions->headerItem()->setToolTip(ColHeldApart, tr("Strict F1 of curve one / curve two on held-apart reviewed sheets, and the parent's"));
    mVersions->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mVersions->header()->setStretchLastSection(false);
    connect(mVersions, &QTreeWidget::currentItemChanged, this, &RetrainDialog::updateButtons);
    auto *card = new QPushButton(tr("Model &Card..."));
    card->setObjectName(QStringLiteral("cardButton"));
    connect(card, &QPushButton::clicked, this, [this] {
        const ModelVersion *v = mRegistry.find(selectedVersion());
        if (!v)
            return;
        auto model = SegmentationModel::load(v->path);
        ModelDialog dialog(v->path, model ? &(*model)->info() : nullptr, model ? QString() : model.error(), this,
                           v->shipped ? QJsonObject() : v->card);
        dialog.exec();
    });
    connect(mVersions, &QTreeWidget::itemDoubleClicked, card, &QPushButton::click);
    auto *row = new QHBoxLayout;
    auto *hint = new QLabel(tr("<small>● active. The shipped default is read-only.</small>"));
    row->addWidget(hint, 1);
    row->addWidget(card);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(mVersions);
    layout->addLayout(row);
    return box;
}

QChartView *RetrainDialog::createChart()
{
    mChart = new QChart;
    mChart->setTitle(tr("Training loss and validation F1 of curve one (c1) and curve two (c2) per epoch"));
    mChart->setMargins(QMargins(4, 4, 4, 4));
    mChart->legend()->setAlignment(Qt::AlignBottom);
    mLoss = new QLineSeries;
    mLoss->setName(tr("Training loss"));
    mF1One = new QLineSeries;
    mF1One->setName(tr("F1 c1, generated"));
    mF1Two = new QLineSeries;
    mF1Two->setName(tr("F1 c2, generated"));
    for (QLineSeries *s : {mLoss, mF1One, mF1Two}) {
        s->setPointsVisible(true);
        mChart->addSeries(s);
    }
    mLoss->setPen(QPen(QColor(90, 90, 90), 2));
    mF1One->setPen(QPen(QColor(200, 40, 40), 2));
    mF1Two->setPen(QPen(QColor(30, 90, 200), 2, Qt::DashLine));

    mEpochAxis = new QValueAxis;
    mEpochAxis->setTitleText(tr("Epoch"));
    mEpochAxis->setLabelFormat(QStringLiteral("%d"));
    mEpochAxis->setTickType(QValueAxis::TicksDynamic);
    mEpochAxis->setTickAnchor(0);
    mEpochAxis->setTickInterval(1);
    mEpochAxis->setRange(0, 1);
    mLossAxis = new QValueAxis;
    mLossAxis->setTitleText(tr("Loss"));
    mLossAxis->setRange(0, 1);
    mF1Axis = new QValueAxis;
    mF1Axis->setTitleText(tr("F1 (strict)"));
    mF1Axis->setRange(0, 1);
    mChart->addAxis(mEpochAxis, Qt::AlignBottom);
    mChart->addAxis(mLossAxis, Qt::AlignLeft);
    mChart->addAxis(mF1Axis, Qt::AlignRight);
    for (QLineSeries *s : {mLoss, mF1One, mF1Two})
        s->attachAxis(mEpochAxis);
    mLoss->attachAxis(mLossAxis);
    mF1One->attachAxis(mF1Axis);
    mF1Two->attachAxis(mF1Axis);

    auto *view = new QChartView(mChart);
    view->setObjectName(QStringLiteral("trainingChart"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    return view;
}

void RetrainDialog::setBaseOptions(const FineTuneOptions &options)
{
    mBase = options;
    mReplay->setValue(int(std::lround(options.synthShare * 100)));
    mHeldApart->setValue(int(std::lround(options.heldApartShare * 100)));
    mBudget->setValue(std::max(1, int(std::lround(options.maxMinutes))));
    mEpochs->setValue(options.epochs);
    if (!options.dataDirs.isEmpty())
        setDataFolders(options.dataDirs);
}

FineTuneOptions RetrainDialog::options() const
{
    FineTuneOptions o = mBase;
    o.modelsDir = mRegistry.modelsDir();
    o.shippedPath = mRegistry.shippedPath();
    o.dataDirs = dataFolders();
    o.synthShare = mReplay->value() / 100.0;
    o.heldApartShare = mHeldApart->value() / 100.0;
    o.maxMinutes = mBudget->value();
    o.epochs = mEpochs->value();
    o.onEpoch = nullptr;
    return o;
}

void RetrainDialog::setDataFolders(const QStringList &dirs)
{
    mFolders->clear();
    QStringList unique = dirs;
    unique.removeDuplicates();
    for (const QString &d : unique)
        mFolders->addItem(QDir::toNativeSeparators(d));
    updateButtons();
}

QStringList RetrainDialog::dataFolders() const
{
    QStringList dirs;
    for (int i = 0; i < mFolders->count(); ++i)
        dirs << QDir::fromNativeSeparators(mFolders->item(i)->text());
    return dirs;
}

bool RetrainDialog::isRunning() const
{
    return mFeedback != nullptr;
}

QString RetrainDialog::selectedVersion() const
{
    const QTreeWidgetItem *item = mVersions->currentItem();
    return item ? item->data(ColId, Qt::UserRole).toString() : QString();
}

void RetrainDialog::refreshVersions()
{
    const QString keep = mLastVersion.isEmpty() ? selectedVersion() : mLastVersion;
    mRegistry.refresh();
    const QString active = mRegistry.activeId();
    mVersions->clear();
    QTreeWidgetItem *select = nullptr;
    for (const ModelVersion &v : mRegistry.versions()) {
        auto *item = new QTreeWidgetItem(mVersions);
        item->setData(ColId, Qt::UserRole, v.id);
        item->setText(ColId, (v.id == active ? QStringLiteral("● ") : QStringLiteral("   ")) + v.id
                                 + (v.shipped ? tr(" (shipped)") : QString()));
        item->setText(ColParent, v.parentId);
        item->setText(ColCreated, v.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        item->setText(ColValF1, QStringLiteral("%1/%2").arg(number(v.validationF1(1)), number(v.validationF1(2))));
        const QJsonObject cmp = v.card.value(QStringLiteral("comparison")).toObject();
        if (!cmp.isEmpty()) {
            const QJsonObject mine = cmp.value(QStringLiteral("model")).toObject();
            const QJsonObject theirs = cmp.value(QStringLiteral("parent")).toObject();
            item->setText(ColHeldApart, tr("%1/%2 vs parent %3/%4")
                                            .arg(number(figure(mine, "curve_one", "f1_strict")), number(figure(mine, "curve_two", "f1_strict")),
                                                 number(figure(theirs, "curve_one", "f1_strict")), number(figure(theirs, "curve_two", "f1_strict"))));
        }
        if (v.id == active) {
            QFont bold = item->font(ColId);
            bold.setBold(true);
            item->setFont(ColId, bold);
        }
        item->setToolTip(ColId, QDir::toNativeSeparators(v.path));
        if (v.id == keep || (!select && v.id == active && keep.isEmpty()))
            select = item;
    }
    if (select)
        mVersions->setCurrentItem(select);
    updateButtons();
}

void RetrainDialog::updateButtons()
{
    const bool running = isRunning();
    mStart->setEnabled(!running && mFolders->count() > 0);
    mCancel->setEnabled(running && !mFeedback->isCanceled());
    const QString selected = selectedVersion();
    mMakeActive->setEnabled(!selected.isEmpty() && selected != mRegistry.activeId());
    mRollBack->setEnabled(mRegistry.canRollback());
    mFolders->setEnabled(!running);
    for (QSpinBox *s : {mReplay, mHeldApart, mBudget, mEpochs})
        s->setEnabled(!running);
}

void RetrainDialog::setStatus(const QString &html)
{
    mStatus->setHtml(html);
}

bool RetrainDialog::start()
{
    if (isRunning())
        return false;
    const FineTuneOptions o = options();
    if (o.dataDirs.isEmpty()) {
        setStatus(tr("Add at least one folder of reviewed sheets."));
        return false;
    }
    auto cases = findCaseFolders(o.dataDirs);
    if (!cases || cases->isEmpty()) {
        setStatus(!cases ? cases.error().toHtmlEscaped()
                         : tr("%1: no case folders with sheet.png and labels.png.").arg(o.dataDirs.join(QStringLiteral(", ")).toHtmlEscaped()));
        return false;
    }
    for (QLineSeries *s : {mLoss, mF1One, mF1Two})
        s->clear();
    for (QLineSeries *s : {mHeldF1One, mHeldF1Two}) {
        if (s)
            s->clear();
    }
    mEpochAxis->setRange(0, std::max(1, o.epochs));
    mEpochAxis->setTickInterval(std::max(1, (o.epochs + 9) / 10));
    mLossAxis->setRange(0, 1);
    mProgress->setValue(0);
    mEta->setText(tr("Estimating time left..."));
    mLastVersion.clear();
    mLastEpochSeconds = 0.0;
    mBudgetSeconds = o.maxMinutes * 60.0;
    const QString parent = mRegistry.activeId();
    setStatus(tr("Fine-tuning <b>%1</b> on %n reviewed sheet(s), %2 % replay of generated sheets.", nullptr, int(cases->size()))
                  .arg(parent.toHtmlEscaped())
                  .arg(mReplay->value()));

    auto feedback = std::make_shared<Feedback>();
    auto queue = std::make_shared<EpochQueue>();
    mFeedback = feedback;
    mQueue = queue;
    FineTuneOptions work = o;
    work.onEpoch = [queue](const EpochReport &r) {
        std::lock_guard<std::mutex> lock(queue->mutex);
        queue->reports.push_back(r);
    };
    mClock.start();
    mPoll->start();
    mWatcher.setFuture(QtConcurrent::run([work, feedback]() {
        Output out;
        auto result = fineTune(work, feedback.get());
        if (result)
            out.result = result.take();
        else
            out.error = result.error();
        return out;
    }));
    updateButtons();
    return true;
}

void RetrainDialog::cancel()
{
    if (!mFeedback)
        return;
    mFeedback->cancel();
    mEta->setText(tr("Cancelling..."));
    updateButtons();
}

void RetrainDialog::poll()
{
    if (!mQueue || !mFeedback)
        return;
    std::vector<EpochReport> reports;
    {
        std::lock_guard<std::mutex> lock(mQueue->mutex);
        reports.swap(mQueue->reports);
    }
    for (const EpochReport &r : reports)
        addEpoch(r);
    const double percent = mFeedback->progress();
    if (!mFeedback->isCanceled())  // a cancelled run keeps the share it had reached
        mProgress->setValue(int(percent * 10));
    const QString message = mFeedback->message();
    if (!message.isEmpty())
        mProgress->setFormat(QStringLiteral("%p% – ") + message);
    if (mFeedback->isCanceled())
        return;
    const double elapsed = mClock.elapsed() / 1000.0;
    if (percent < 0.5 || elapsed < 1.0) {
        mEta->setText(tr("Estimating time left..."));
        return;
    }
    double left = elapsed * (100.0 - percent) / percent;
    // Training stops after the epoch that passes the budget.
    if (mBudgetSeconds > 0)
        left = std::min(left, std::max(0.0, mBudgetSeconds - elapsed) + mLastEpochSeconds);
    mEta->setText(tr("About %1 left (%2 so far)").arg(durationText(left), durationText(elapsed)));
}

void RetrainDialog::addEpoch(const EpochReport &r)
{
    mLastEpochSeconds = r.seconds;
    mLoss->append(r.epoch, r.trainLoss);
    mF1One->append(r.epoch, figure(r.valMetrics, "curve_one", "f1_strict"));
    mF1Two->append(r.epoch, figure(r.valMetrics, "curve_two", "f1_strict"));
    if (!r.valDataMetrics.isEmpty()) {
        if (!mHeldF1One) {
            mHeldF1One = new QLineSeries;
            mHeldF1One->setName(tr("F1 c1, held-apart reviewed"));
            mHeldF1One->setPen(QPen(QColor(200, 40, 40), 2, Qt::DotLine));
            mHeldF1Two = new QLineSeries;
            mHeldF1Two->setName(tr("F1 c2, held-apart reviewed"));
            mHeldF1Two->setPen(QPen(QColor(30, 90, 200), 2, Qt::DotLine));
            for (QLineSeries *s : {mHeldF1One, mHeldF1Two}) {
                s->setPointsVisible(true);
                mChart->addSeries(s);
                s->attachAxis(mEpochAxis);
                s->attachAxis(mF1Axis);
            }
        }
        mHeldF1One->append(r.epoch, figure(r.valDataMetrics, "curve_one", "f1_strict"));
        mHeldF1Two->append(r.epoch, figure(r.valDataMetrics, "curve_two", "f1_strict"));
    }
    double maxLoss = 0.0;
    for (const QPointF &p : mLoss->points())
        maxLoss = std::max(maxLoss, p.y());
    mLossAxis->setRange(0, std::max(0.1, maxLoss * 1.1));
    mLossAxis->applyNiceNumbers();
    const int lastEpoch = std::max(r.epochs, r.epoch);
    mEpochAxis->setRange(0, lastEpoch);
    mEpochAxis->setTickInterval(std::max(1, (lastEpoch + 9) / 10)); // whole epochs, at most about ten ticks
}

void RetrainDialog::onFinished()
{
    poll();
    mPoll->stop();
    const Output out = mWatcher.result();
    const bool canceled = (mFeedback && mFeedback->isCanceled()) || out.result.canceled;
    mFeedback.reset();
    mQueue.reset();
    const double elapsed = mClock.elapsed() / 1000.0;
    QString message;
    bool ok = false;
    if (!out.error.isEmpty()) {
        message = tr("Fine-tuning failed: %1").arg(out.error);
        setStatus(message.toHtmlEscaped());
        mEta->setText(tr("Failed after %1").arg(durationText(elapsed)));
    } else if (out.result.id.isEmpty()) {
        message = tr("Cancelled before the first epoch finished; no version was made.");
        setStatus(message);
        mEta->setText(tr("Cancelled"));
    } else {
        ok = true;
        mLastVersion = out.result.id;
        if (!canceled)
            mProgress->setValue(1000);
        message = canceled ? tr("Cancelled; kept the best checkpoint so far as version %1 (parent %2).").arg(out.result.id, out.result.parentId)
                           : tr("New version %1 (parent %2).").arg(out.result.id, out.result.parentId);
        setStatus(QStringLiteral("<p><b>%1</b> %2</p>%3")
                      .arg(message.toHtmlEscaped(), tr("Make it active to segment with it; Roll Back returns to the previous model."),
                           ModelDialog::comparisonHtml(out.result.comparison)));
        mEta->setText(canceled ? tr("Cancelled after %1").arg(durationText(elapsed)) : tr("Done in %1").arg(durationText(elapsed)));
    }
    mProgress->setFormat(canceled ? tr("%p% – cancelled") : QStringLiteral("%p%"));
    refreshVersions();
    Q_EMIT runFinished(ok, canceled, message);
}

bool RetrainDialog::makeActive()
{
    const QString id = selectedVersion();
    if (id.isEmpty())
        return false;
    if (Status s = mRegistry.setActive(id); !s) {
        setStatus(s.error().toHtmlEscaped());
        return false;
    }
    refreshVersions();
    setStatus(tr("<b>%1</b> is now the active model.").arg(id.toHtmlEscaped()));
    Q_EMIT activeModelChanged(mRegistry.activePath());
    return true;
}

bool RetrainDialog::rollBack()
{
    auto back = mRegistry.rollback();
    if (!back) {
        setStatus(back.error().toHtmlEscaped());
        return false;
    }
    mLastVersion.clear();
    refreshVersions();
    setStatus(tr("Rolled back: <b>%1</b> is the active model again.").arg(back->toHtmlEscaped()));
    Q_EMIT activeModelChanged(mRegistry.activePath());
    return true;
}

} // namespace veer
