#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QRect>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace veer {

class RasterSource;

/** Address of one display tile: level L holds the sheet reduced by 2^L. */
struct TileKey
{
    int level = 0;
    int tx = 0;
    int ty = 0;

    quint64 packed() const { return (quint64(level) << 56) | (quint64(tx) << 28) | quint64(ty); }
    bool operator==(const TileKey &o) const { return level == o.level && tx == o.tx && ty == o.ty; }
};

/**
 * Display tiles of one RasterSource as a level-of-detail pyramid, never a full-resolution copy.
 *
 * Levels at or above pinnedLevel() are built once by a background thread that streams the sheet
 * top to bottom (area-averaged by the source) and derives each coarser level from the one below
 * as soon as a row of tiles is complete; they stay in memory (a few tens of MB). Finer levels are
 * read on demand for the visible area by a second thread and kept in a byte-bounded LRU cache.
 *
 * Lives on the GUI thread; tile() and request() are GUI-thread calls. Worker threads only touch
 * the source (itself thread-safe) and the mutex-guarded tile maps; tileReady() and
 * buildProgress() are delivered queued on the GUI thread.
 */
class TilePyramid : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTileSize = 256;

    explicit TilePyramid(std::shared_ptr<RasterSource> source, QObject *parent = nullptr);
    ~TilePyramid() override;

    const std::shared_ptr<RasterSource> &source() const { return mSource; }
    int levelCount() const { return mLevelCount; }
    int pinnedLevel() const { return mPinnedLevel; }
    QSize levelSize(int level) const;
    /** The tile's rectangle in level pixels (clipped to the level). */
    QRect tileRect(const TileKey &key) const;
    int tilesAcross(int level) const;
    int tilesDown(int level) const;

    /** The tile when it is in memory, else a null image. Marks it recently used. */
    QImage tile(const TileKey &key);
    /**
     * Replaces the on-demand queue with `keys` (most important first). Keys in memory are
     * skipped, and so are pinned-level keys the builder will provide, except for the lowest
     * pinned levels while the build has not reached them.
     */
    void request(const std::vector<TileKey> &keys);

    bool isBuilt() const { return mBuilt.load(); }
    double buildProgress() const { return mProgress.load(); }
    /** True when nothing is queued or being read on demand. */
    bool isIdle() const;

    /** Bytes held by pinned and cached tiles. */
    qint64 memoryBytes() const;
    void setCacheBudget(qint64 bytes) { mCacheBudget = bytes; }

Q_SIGNALS:
    void tileReady();
    void buildProgressChanged(double percent);
    void buildFinished();
    void readFailed(const QString &message);

private:
    void buildLoop();
    void loadLoop();
    void completeRow(int level, int tileRow);
    void storePinned(const TileKey &key, QImage image);
    QImage pinnedTile(const TileKey &key) const;
    QImage readTile(const TileKey &key, QString &error) const;
    QImage readReduced(const QRect &window, const QSize &outSize, QString &error) const;
    void trimCache();
    void notifyReady();

    std::shared_ptr<RasterSource> mSource;
    int mLevelCount = 1;
    int mPinnedLevel = 1;
    qint64 mCacheBudget = qint64(160) * 1024 * 1024;

    mutable std::mutex mMutex;
    QHash<quint64, QImage> mPinned;
    struct Cached
    {
        QImage image;
        quint64 lastUse = 0;
    };
    QHash<quint64, Cached> mCache;
    qint64 mCacheBytes = 0;
    qint64 mPinnedBytes = 0;
    quint64 mUseCounter = 0;
    std::deque<TileKey> mQueue;
    int mLoading = 0;
    int mBuiltPinnedRows = 0;  ///< tile rows of the pinned level finished by the builder
    std::condition_variable mWake;

    std::atomic<bool> mStop{false};
    std::atomic<bool> mBuilt{false};
    std::atomic<bool> mReadyPosted{false};
    std::atomic<double> mProgress{0.0};
    std::thread mBuilder;
    std::thread mLoader;
};

} // namespace veer
