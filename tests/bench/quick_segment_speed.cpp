#include "segment/segmentationmodel.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <opencv2/core.hpp>
#include <cstdio>
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    veer::NetConfig cfg;
    if (argc > 1) cfg.base = atoi(argv[1]);
    auto model = veer::SegmentationModel::create(cfg);
    cv::Mat grey(4000, 1500, CV_8UC1);
    cv::randu(grey, 0, 255);
    veer::SegmentOptions o;
    if (argc > 2) o.tileSize = atoi(argv[2]);
    {
        cv::Mat tile(512, 512, CV_8UC1); cv::randu(tile, 0, 255);
        model->segmentWhole(tile, false);
        QElapsedTimer tt; tt.start();
        for (int i = 0; i < 10; ++i) model->segmentWhole(tile, false);
        std::printf("whole 512x512: %.1f ms/tile = %.2f MPix/s\n", tt.elapsed() / 10.0, 0.262144 * 10 / (tt.elapsed() / 1000.0));
    }
    QElapsedTimer t; t.start();
    auto r = model->segmentImage(grey, o);
    double s = t.elapsed() / 1000.0;
    std::printf("params %lld flops/px %.0f  %.2f s  %.2f MPix/s\n", (long long)model->info().parameterCount, model->info().flopsPerPixel, s, 6.0 / s);
}
// (appended) whole-tile timing
