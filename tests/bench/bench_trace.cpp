// Throughput of CurveTracer on a synthetic 3-track sheet drawn here with OpenCV.
// Usage: bench_trace [width height repeats]; prints MPix/s of track area.

#include "calibration/calibration.h"
#include "trace/curvetracer.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace veer;

namespace {

void drawTrack(cv::Mat &labels, int left, int right, int seed)
{
    cv::RNG rng(uint64_t(seed) * 7919u + 1u);
    const int w = right - left;
    std::vector<cv::Point> one;
    std::vector<cv::Point> two;
    double a = 0.5;
    double b = 0.5;
    for (int y = 0; y < labels.rows; y += 4) {
        a = std::clamp(a + rng.gaussian(0.02), 0.02, 0.98);
        b = std::clamp(b + rng.gaussian(0.03), 0.02, 0.98);
        one.emplace_back(left + int(a * w), y);
        two.emplace_back(left + int(b * w), y);
    }
    cv::polylines(labels, one, false, cv::Scalar(1), 2);
    // Dashed curve two: draw every other few segments.
    for (size_t i = 0; i + 1 < two.size(); ++i) {
        if ((i / 3) % 2 == 0)
            cv::line(labels, two[i], two[i + 1], cv::Scalar(2), 2);
    }
    // Speckle noise.
    for (int k = 0; k < labels.rows / 10; ++k) {
        const int x = left + rng.uniform(0, w);
        const int y = rng.uniform(0, labels.rows);
        labels.at<uint8_t>(y, x) = uint8_t(rng.uniform(1, 3));
    }
}

} // namespace

int main(int argc, char **argv)
{
    const int width = argc > 1 ? std::atoi(argv[1]) : 1500;
    const int height = argc > 2 ? std::atoi(argv[2]) : 20000;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;

    Calibration cal;
    cal.ties = {{0.0, 1000.0}, {double(height - 1), 1000.0 + (height - 1) * 0.01}};
    cv::Mat labels(height, width, CV_8UC1, cv::Scalar(0));
    const int tracks = 3;
    const int tw = width / tracks;
    double area = 0.0;
    for (int t = 0; t < tracks; ++t) {
        Track track;
        track.left = t * tw + 2;
        track.right = (t + 1) * tw - 3;
        CurveScale one;
        one.classId = 1;
        one.mnemonic = QStringLiteral("C%1A").arg(t);
        CurveScale two;
        two.classId = 2;
        two.mnemonic = QStringLiteral("C%1B").arg(t);
        track.curves = {one, two};
        cal.tracks.push_back(track);
        drawTrack(labels, int(track.left), int(track.right), t);
        area += (track.right - track.left + 1) * height;
    }

    const CurveTracer tracer;
    double best = 1e30;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        Result<TraceResult> result = tracer.trace(labels, nullptr, cal);
        const auto t1 = std::chrono::steady_clock::now();
        if (!result) {
            std::fprintf(stderr, "trace failed: %s\n", qPrintable(result.error()));
            return 1;
        }
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    std::printf("bench_trace: %d x %d, %d tracks, %.1f MPix track area: best %.3f s, %.1f MPix/s\n",
                width, height, tracks, area / 1e6, best, area / 1e6 / best);

    // With probabilities as well (two channels read per pixel).
    cv::Mat prob(height, width, CV_8UC2, cv::Scalar(0, 0));
    prob.setTo(cv::Scalar(255, 0), labels == 1);
    prob.setTo(cv::Scalar(0, 255), labels == 2);
    const auto t0 = std::chrono::steady_clock::now();
    Result<TraceResult> result = tracer.trace(labels, &prob, cal);
    const auto t1 = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(t1 - t0).count();
    std::printf("bench_trace: with probabilities: %.3f s, %.1f MPix/s\n", secs, area / 1e6 / secs);
    return result ? 0 : 1;
}
