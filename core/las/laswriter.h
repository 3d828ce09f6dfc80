#pragma once

#include "lasdocument.h"

namespace veer {

struct LasWriteOptions
{
    bool crlf = true;      ///< CR LF line ends (LAS convention); LF when false
    int decimals = 4;      ///< digits after the point for curve values
};

/** LAS 2.0 text of a document (unwrapped). STRT/STOP/STEP come from the depth column. */
QByteArray lasToBytes(const LasDocument &doc, const LasWriteOptions &options = {});

/** Writes LAS 2.0 atomically; the error names the file. */
Status writeLas(const LasDocument &doc, const QString &path, const LasWriteOptions &options = {});

/** CSV: header `DEPT,MNEM...` with units in a second header line, empty cells for null. */
QByteArray csvToBytes(const LasDocument &doc, bool crlf = false);
Status writeCsv(const LasDocument &doc, const QString &path, bool crlf = false);

} // namespace veer
