#pragma once

#include "base/result.h"
#include "trace/tracetypes.h"

#include <QJsonObject>

namespace veer {

/**
 * TraceOptions as JSON, for tuning the tracer per archive (`--trace-options FILE` of digitize,
 * evaluate and batch). Keys are the member names (arrays of two for per-curve values); keys not
 * given keep their defaults, and row ranges and anchors are not part of it.
 */
QJsonObject traceOptionsToJson(const TraceOptions &options);
/** Fails on an unknown key or a value of the wrong type or range, naming the key. */
Result<TraceOptions> traceOptionsFromJson(const QJsonObject &json, TraceOptions base = {});
/** Reads a JSON file of traceOptionsFromJson(); the error names the file. */
Result<TraceOptions> loadTraceOptions(const QString &path);

} // namespace veer
