#pragma once
// Internal to the layout finder (core/autocal): profiles of a sheet's ruling.

#include <opencv2/core/mat.hpp>

#include <vector>

namespace veer::gridprofile {

double median(std::vector<double> v);
/** Local maxima of a histogram smoothed over +-2, at least `minValue`, `radius` apart. */
std::vector<int> peaks(const std::vector<double> &hist, double minValue, int radius);
/** The value of `sorted` nearest `x` within `reach`; -1 when none is. */
int nearest(const std::vector<int> &sorted, int x, int reach);
/** The width in columns of the vertical line at `x`: the column profile about it, over its peak. */
double lineWidth(const std::vector<double> &profile, double x);
/** The centre of the vertical line near `column` (see gridprofile.cpp); `fallback` when none. */
double lineCentre(const std::vector<double> &vertical, int column, int reach, double fallback);

/** How well the vertical lines at `columns` inside [left, right] make a linear or a log grid. */
struct GridFit
{
    int lines = 0;
    int linear = 0; ///< lines on the best even division (more than ten divisions counts one less)
    int linearRaw = 0; ///< the same without that penalty
    int log = 0; ///< lines on the best log grid
    int decades = 0;
    bool all() const { return lines > 0 && std::max(linearRaw, log) >= lines; }
};

GridFit fitGrid(const std::vector<double> &columns, double left, double right);

/** 255 where `hat` stands out of the paper's own speckle: 10 levels, or four times its median. */
void thresholdHat(const cv::Mat &hat, cv::Mat &out);
/** The track border a grid line ends at, near column `end` (`inward` +1 left end, -1 right end). */
double borderNear(const std::vector<double> &vertical, int end, int inward);

} // namespace veer::gridprofile
