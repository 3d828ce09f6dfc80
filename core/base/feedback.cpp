#include "feedback.h"

namespace veer {

Feedback::Feedback(Callback callback, int minIntervalMs)
    : mCallback(std::move(callback))
    , mMinIntervalMs(minIntervalMs)
{}

void Feedback::setProgress(double percent, const QString &message)
{
    mProgress.store(percent);
    Callback cb;
    {
        std::lock_guard<std::mutex> lock(mMutex);
        if (!message.isEmpty())
            mMessage = message;
        if (!mCallback)
            return;
        const auto now = std::chrono::steady_clock::now();
        const bool final = percent >= 100.0;
        if (!final && now - mLastCall < std::chrono::milliseconds(mMinIntervalMs))
            return;
        mLastCall = now;
        cb = mCallback;
    }
    cb(percent, message);
}

QString Feedback::message() const
{
    std::lock_guard<std::mutex> lock(mMutex);
    return mMessage;
}

} // namespace veer
