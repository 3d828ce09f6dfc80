#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace veer {

/** A value or a human-readable error message; what core I/O returns instead of throwing. */
template<typename T>
class Result
{
public:
    Result(T value) : mValue(std::move(value)) {}

    static Result failure(QString message)
    {
        Result r;
        r.mError = std::move(message);
        return r;
    }

    bool ok() const { return mValue.has_value(); }
    explicit operator bool() const { return ok(); }

    T &value() { return *mValue; }
    const T &value() const { return *mValue; }
    T *operator->() { return &*mValue; }
    const T *operator->() const { return &*mValue; }
    T &operator*() { return *mValue; }
    const T &operator*() const { return *mValue; }

    /** Moves the value out; only valid when ok(). */
    T take() { return std::move(*mValue); }

    const QString &error() const { return mError; }

private:
    Result() = default;
    std::optional<T> mValue;
    QString mError;
};

/** Result without a value: success, or an error message. */
class Status
{
public:
    Status() = default;
    static Status failure(QString message)
    {
        Status s;
        s.mError = std::move(message);
        s.mOk = false;
        return s;
    }
    bool ok() const { return mOk; }
    explicit operator bool() const { return mOk; }
    const QString &error() const { return mError; }

private:
    bool mOk = true;
    QString mError;
};

} // namespace veer
