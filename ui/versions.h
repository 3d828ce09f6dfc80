#pragma once

#include <QString>

namespace veer {

/** The versions of Veer and the libraries it was built with, as HTML for the About box. */
QString libraryVersionsHtml();

} // namespace veer
