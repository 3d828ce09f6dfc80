#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>

namespace veer {

/**
 * A value or a human-readable error message; what core I/O returns instead of throwing. Never
 * ignored silently ([[nodiscard]]); reading the value of a failure asserts.
 */
template<typename T>
class [[nodiscard]] Result
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

    T &value() { return checked(); }
    const T &value() const { return checked(); }
    T *operator->() { return &checked(); }
    const T *operator->() const { return &checked(); }
    T &operator*() { return checked(); }
    const T &operator*() const { return checked(); }

    /** Moves the value out; only valid when ok(). */
    T take() { return std::move(checked()); }

    const QString &error() const { return mError; }

private:
    Result() = default;
    T &checked()
    {
        Q_ASSERT_X(mValue.has_value(), "Result", "the value of a failure was read");
        return *mValue;
    }
    const T &checked() const
    {
        Q_ASSERT_X(mValue.has_value(), "Result", "the value of a failure was read");
        return *mValue;
    }
    std::optional<T> mValue;
    QString mError;
};

/** Result without a value: success, or an error message. Never ignored silently. */
class [[nodiscard]] Status
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
