// veer-cli overlay SHEET LABELS -o OUT.png: the class layers drawn on the scan, for review and docs.
#include "cliutil.h"
#include "commands.h"

#include "raster/overlay.h"
#include "raster/rastersource.h"


#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace veer::cli {

static bool parseRect(const QString &text, QRect &rect)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4)
        return false;
    int v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toInt(&ok);
        if (!ok)
            return false;
    }
    rect = QRect(v[0], v[1], v[2], v[3]);
    return rect.width() > 0 && rect.height() > 0;
}

static int cmdOverlay(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw a label map's curve classes (red: curve one, blue: curve two) over the sheet."));
    parser.addPositionalArgument(QStringLiteral("SHEET"), QStringLiteral("Scanned sheet."));
    parser.addPositionalArgument(QStringLiteral("LABELS"), QStringLiteral("Label map PNG (0/1/2)."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("PNG to write."), QStringLiteral("OUT.png")});
    parser.addOption({QStringLiteral("crop"), QStringLiteral("Window x,y,w,h in sheet pixels."), QStringLiteral("RECT")});
    parser.addOption({QStringLiteral("side-by-side"), QStringLiteral("Put the plain scan to the left of the overlay.")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Overwrite the output file.")});
    int code = 0;
    if (!parseCommand(parser, QStringLiteral("overlay"), args, 2, 2, code))
        return code;
    const QString out = parser.value(QStringLiteral("output"));
    if (out.isEmpty()) {
        printError(QStringLiteral("overlay: -o OUT.png is required"));
        return ExitUsage;
    }
    if (!refuseOverwrite(parser, {out}))
        return ExitFailure;
    auto sheet = RasterSource::open(parser.positionalArguments().at(0));
    if (!sheet) {
        printError(sheet.error());
        return ExitFailure;
    }
    auto labels = RasterSource::open(parser.positionalArguments().at(1));
    if (!labels) {
        printError(labels.error());
        return ExitFailure;
    }
    if ((*labels)->width() != (*sheet)->width() || (*labels)->height() != (*sheet)->height()) {
        printError(QStringLiteral("%1: the label map is %2 x %3 but the sheet is %4 x %5")
                       .arg((*labels)->info().path).arg((*labels)->width()).arg((*labels)->height())
                       .arg((*sheet)->width()).arg((*sheet)->height()));
        return ExitFailure;
    }
    QRect window(0, 0, (*sheet)->width(), (*sheet)->height());
    if (parser.isSet(QStringLiteral("crop")) && !parseRect(parser.value(QStringLiteral("crop")), window)) {
        printError(QStringLiteral("--crop: expected x,y,w,h, got '%1'").arg(parser.value(QStringLiteral("crop"))));
        return ExitUsage;
    }
    window = window.intersected(QRect(0, 0, (*sheet)->width(), (*sheet)->height()));
    if (window.isEmpty() || double(window.width()) * window.height() > 2.0e8) {
        printError(QStringLiteral("--crop: the window is empty or too large to render"));
        return ExitUsage;
    }
    auto rgb = (*sheet)->readRgb(window);
    // Label maps store 0/1/2 directly; RasterSource's grey view of an 8-bit PNG keeps the values.
    auto lab = (*labels)->readGrey(window);
    if (!rgb || !lab) {
        printError(!rgb ? rgb.error() : lab.error());
        return ExitFailure;
    }
    const QImage img = rgb->convertToFormat(QImage::Format_RGB888);
    cv::Mat bgr(img.height(), img.width(), CV_8UC3, const_cast<uchar *>(img.constBits()), size_t(img.bytesPerLine()));
    cv::Mat sheetBgr;
    cv::cvtColor(bgr, sheetBgr, cv::COLOR_RGB2BGR);
    cv::Mat result = renderOverlay(sheetBgr, *lab);
    if (parser.isSet(QStringLiteral("side-by-side")))
        cv::hconcat(sheetBgr, result, result);
    return writePng(out, result) ? ExitOk : ExitFailure;
}

VEER_CLI_COMMAND("overlay", "Draw a label map's classes over a sheet as a PNG", cmdOverlay);

} // namespace veer::cli
