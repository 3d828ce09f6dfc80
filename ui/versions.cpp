#include "versions.h"

#include "base/version.h"
#include "segment/torchprobe.h"

#include <QtGlobal>

#include <gdal.h>
#include <opencv2/core/version.hpp>

namespace veer {

QString libraryVersionsHtml()
{
    return QStringLiteral("<table>"
                          "<tr><td>Veer</td><td>%1</td></tr>"
                          "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
                          "<tr><td>LibTorch</td><td>%4</td></tr>"
                          "<tr><td>OpenCV</td><td>%5</td></tr>"
                          "<tr><td>GDAL</td><td>%6</td></tr>"
                          "</table>")
        .arg(QStringLiteral(VEER_VERSION_STRING), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(torchVersion()), QStringLiteral(CV_VERSION),
             QString::fromLatin1(GDALVersionInfo("RELEASE_NAME")));
}

} // namespace veer
