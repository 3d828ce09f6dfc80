// veer: the review workstation. Parses the command line and opens the main window.
#include "document.h"
#include "doubtdock.h"
#include "calibrationtool.h"
#include "logview.h"
#include "mainwindow.h"
#include "projectfile.h"
#include "projectmanager.h"
#include "runcontroller.h"
#include "toolmanager.h"
#include "sheetview.h"

#include "base/heappolicy.h"
#include "base/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace {

/** Waits for the tiles in view, grabs the window into `path` and quits; exit code 0 on success. */
void screenshotWhenReady(veer::MainWindow &window, const QString &path, int timeoutMs)
{
    auto *timer = new QTimer(&window);
    auto *clock = new QElapsedTimer;
    clock->start();
    QObject::connect(timer, &QTimer::timeout, &window, [&window, path, timer, clock, timeoutMs] {
        const bool ready = !window.document() || window.isDisplayComplete();
        if (!ready && clock->elapsed() < timeoutMs)
            return;
        timer->stop();
        const bool saved = window.grab().save(path);
        std::fprintf(stderr, "%s %s after %lld ms%s\n", saved ? "saved" : "could not save",
                     qPrintable(QDir::toNativeSeparators(path)), static_cast<long long>(clock->elapsed()),
                     ready ? "" : " (tiles still loading)");
        delete clock;
        QCoreApplication::exit(saved ? 0 : 1);
    });
    timer->start(50);
}

} // namespace

int main(int argc, char *argv[])
{
    veer::setHeapPolicy(veer::HeapPolicy::KeepForReuse);
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("Page of a multipage TIFF (1-based)."),
                                        QStringLiteral("N"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Grab the window into FILE once the sheet is drawn, then exit."),
                                              QStringLiteral("FILE"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("WxH"));
    const QCommandLineOption zoomOption(QStringLiteral("zoom"),
                                        QStringLiteral("Initial zoom: fit-width, fit-page, 1:1 or a factor."),
                                        QStringLiteral("ZOOM"));
    const QCommandLineOption rowOption(QStringLiteral("row"), QStringLiteral("Scroll so that image row ROW is at the top."),
                                       QStringLiteral("ROW"));
    const QCommandLineOption runOption(QStringLiteral("run"),
                                       QStringLiteral("Segment the sheet, then digitize it when it is calibrated."));
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("Segmentation model file."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption calibrateOption(QStringLiteral("calibrate"), QStringLiteral("Start in calibration mode."));
    const QCommandLineOption autoCalibrateOption(QStringLiteral("auto-calibrate"),
                                                 QStringLiteral("Propose a calibration from the opened sheet (Tools > Auto-Calibrate), without dialogs."));
    const QCommandLineOption calibrationOption(QStringLiteral("calibration"),
                                               QStringLiteral("Import this veer-calibration/1 file into the opened sheet."),
                                               QStringLiteral("FILE"));
    const QCommandLineOption referenceOption(QStringLiteral("reference"),
                                             QStringLiteral("Overlay a reference LAS on the log view."),
                                             QStringLiteral("LAS"));
    const QCommandLineOption noLogViewOption(QStringLiteral("no-log-view"), QStringLiteral("Hide the log view."));
    const QCommandLineOption logWidthOption(QStringLiteral("log-width"), QStringLiteral("Width of the log view in pixels."),
                                            QStringLiteral("PX"));
    const QCommandLineOption saveProjectOption(QStringLiteral("save-project"),
                                               QStringLiteral("After --run, save the review as the project DIR.veer "
                                                              "(never replaces an existing one)."),
                                               QStringLiteral("DIR"));
    const QCommandLineOption spanOption(QStringLiteral("span"),
                                        QStringLiteral("Show doubtful span N (1-based, in the panel's worst-first order) in the Doubtful Spans panel."),
                                        QStringLiteral("N"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Review workstation: digitize scanned well logs into LAS."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A scanned sheet or a project (NAME.veer) to open."));
    parser.addOption(spanOption);
    parser.addOption(calibrationOption);
    parser.addOptions({pageOption, screenshotOption, sizeOption, zoomOption, rowOption, runOption, modelOption,
                       calibrateOption, autoCalibrateOption, referenceOption, noLogViewOption, logWidthOption, saveProjectOption});

    // Help and version print without a display: they need no GUI application.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version") {
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("Veer"));
            QCoreApplication::setApplicationVersion(QStringLiteral(VEER_VERSION_STRING));
            parser.process(core);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Veer"));
    QApplication::setApplicationName(QStringLiteral("Veer"));
    QApplication::setApplicationVersion(QStringLiteral(VEER_VERSION_STRING));
    parser.process(app);

    veer::MainWindow window;
    if (parser.isSet(modelOption))
        window.runController()->setModelPath(parser.value(modelOption));
    if (parser.isSet(sizeOption)) {
        const QStringList parts = parser.value(sizeOption).split(QLatin1Char('x'));
        if (parts.size() == 2)
            window.resize(parts[0].toInt(), parts[1].toInt());
    }
    if (parser.isSet(logWidthOption))
        window.setLogViewWidth(parser.value(logWidthOption).toInt());
    window.show();

    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        const QString path = files.first();
        bool opened = false;
        if (veer::ProjectFile::isProject(path) && parser.isSet(screenshotOption)) {
            const veer::Status status = window.openProject(path);
            if (!status)
                std::fprintf(stderr, "veer: %s\n", qPrintable(status.error()));
            opened = status.ok();
        } else if (parser.isSet(pageOption)) {
            const veer::Status status = window.openSheet(path, parser.value(pageOption).toInt() - 1);
            if (!status)
                std::fprintf(stderr, "veer: %s\n", qPrintable(status.error()));
            opened = status.ok();
        } else if (parser.isSet(screenshotOption)) {
            const veer::Status status = window.openSheet(path, 0);
            if (!status)
                std::fprintf(stderr, "veer: %s\n", qPrintable(status.error()));
            opened = status.ok();
        } else {
            opened = window.openInteractive(path);
        }
        if (opened) {
            QCoreApplication::processEvents();
            veer::SheetView *view = window.sheetView();
            const QString zoom = parser.value(zoomOption);
            if (zoom == QLatin1String("fit-page"))
                view->fitPage();
            else if (zoom == QLatin1String("1:1"))
                view->actualSize();
            else if (!zoom.isEmpty() && zoom != QLatin1String("fit-width") && zoom.toDouble() > 0)
                view->setScale(zoom.toDouble());
            if (parser.isSet(rowOption))
                view->scrollToRow(parser.value(rowOption).toDouble());
            if (parser.isSet(spanOption)) {
                window.doubtDock()->setCurrentListed(parser.value(spanOption).toInt() - 1);
                window.doubtDock()->raise();
            }
        } else if (parser.isSet(screenshotOption)) {
            return 1;
        }
    }
    if (parser.isSet(noLogViewOption))
        window.logView()->hide();
    if (parser.isSet(calibrationOption) && window.document()) {
        const veer::Status status = window.importCalibration(parser.value(calibrationOption));
        if (!status) {
            std::fprintf(stderr, "veer: %s\n", qPrintable(status.error()));
            if (parser.isSet(screenshotOption))
                return 1;
        }
    }
    if (parser.isSet(referenceOption) && window.document()) {
        const veer::Status status = window.loadReferenceLas(parser.value(referenceOption));
        if (!status)
            std::fprintf(stderr, "veer: %s\n", qPrintable(status.error()));
    }
    if (!parser.isSet(screenshotOption) && !window.document())
        window.offerRecovery();
    if (parser.isSet(autoCalibrateOption) && window.document())
        std::fprintf(stderr, "veer: %s\n", qPrintable(window.autoCalibrateNow()));
    if (parser.isSet(calibrateOption))
        window.toolManager()->activate(window.calibrationTool());
    const bool run = parser.isSet(runOption) && window.document();
    if (run) {
        veer::RunController *runner = window.runController();
        QObject::connect(runner, &veer::RunController::finished, &window,
                         [&window, &parser, &screenshotOption, &saveProjectOption, &spanOption, runner](bool ok, bool, const QString &message) {
                             std::fprintf(stderr, "veer: %s\n", qPrintable(message));
                             const bool segmented = runner->job() == veer::RunController::Job::None && ok
                                                    && !window.document()->trace() && runner->digitizeBlocker().isEmpty();
                             if (segmented) {
                                 runner->digitize();
                                 return;
                             }
                             if (parser.isSet(spanOption)) {
                                 window.doubtDock()->setCurrentListed(parser.value(spanOption).toInt() - 1);
                                 window.doubtDock()->raise();
                             }
                             if (parser.isSet(saveProjectOption)) {
                                 // Never replaces: an existing project is left alone.
                                 window.projectManager()->prompts().confirmOverwrite = [](const QString &) { return false; };
                                 const veer::Status saved = window.saveProject(parser.value(saveProjectOption));
                                 std::fprintf(stderr, "veer: %s\n", saved ? "project saved" : qPrintable(saved.error()));
                             }
                             if (parser.isSet(screenshotOption))
                                 screenshotWhenReady(window, parser.value(screenshotOption), 30000);
                         });
        if (!runner->segment()) {
            std::fprintf(stderr, "veer: cannot segment: %s\n", qPrintable(runner->segmentBlocker()));
            if (parser.isSet(screenshotOption))
                return 1;
        }
    } else if (parser.isSet(screenshotOption)) {
        screenshotWhenReady(window, parser.value(screenshotOption), 30000);
    }
    return app.exec();
}
