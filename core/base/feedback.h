#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

namespace veer {

/**
 * Progress and cancellation for long synchronous work (load, segment, trace, train), in the
 * manner of QgsFeedback. Thread-safe: the worker calls setProgress()/isCanceled(), any other
 * thread may call cancel(). The optional callback runs on the worker's thread, throttled.
 */
class Feedback
{
public:
    using Callback = std::function<void(double percent, const QString &message)>;

    Feedback() = default;
    explicit Feedback(Callback callback, int minIntervalMs = 100);

    void cancel() { mCanceled.store(true); }
    bool isCanceled() const { return mCanceled.load(); }

    /** Percent in [0, 100]. */
    void setProgress(double percent, const QString &message = {});
    double progress() const { return mProgress.load(); }
    QString message() const;

private:
    std::atomic<bool> mCanceled{false};
    std::atomic<double> mProgress{0.0};
    Callback mCallback;
    int mMinIntervalMs = 100;
    mutable std::mutex mMutex;
    QString mMessage;
    std::chrono::steady_clock::time_point mLastCall{};
};

/** Sub-range helper: maps [0,100] of a step onto [from,to] of a parent feedback. */
class FeedbackRange
{
public:
    FeedbackRange(Feedback *parent, double from, double to) : mParent(parent), mFrom(from), mTo(to) {}
    void setProgress(double percent, const QString &message = {}) const
    {
        if (mParent)
            mParent->setProgress(mFrom + (mTo - mFrom) * percent / 100.0, message);
    }
    bool isCanceled() const { return mParent && mParent->isCanceled(); }

private:
    Feedback *mParent;
    double mFrom;
    double mTo;
};

} // namespace veer
