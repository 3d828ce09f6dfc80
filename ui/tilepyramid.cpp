#include "tilepyramid.h"

#include "raster/rastersource.h"

#include <QPainter>

#include <algorithm>

namespace veer {

namespace {

constexpr qint64 kPinnedBudget = qint64(48) * 1024 * 1024;
/** Windows up to this many pixels are read at full resolution and reduced here. */
constexpr qint64 kFullReadPixels = qint64(16) * 1024 * 1024;

int ceilShift(int value, int level)
{
    return (value + (1 << level) - 1) >> level;
}

} // namespace

TilePyramid::TilePyramid(std::shared_ptr<RasterSource> source, QObject *parent)
    : QObject(parent)
    , mSource(std::move(source))
{
    const int w = mSource->width();
    const int h = mSource->height();
    mLevelCount = 1;
    while (ceilShift(w, mLevelCount - 1) > kTileSize || ceilShift(h, mLevelCount - 1) > kTileSize)
        ++mLevelCount;
    // The lowest level the builder keeps: never full resolution, and at most kPinnedBudget of RGB32.
    mPinnedLevel = 1;
    while (mPinnedLevel < mLevelCount - 1
           && qint64(ceilShift(w, mPinnedLevel)) * ceilShift(h, mPinnedLevel) * 4 > kPinnedBudget)
        ++mPinnedLevel;
    if (mLevelCount == 1)
        mPinnedLevel = 0;  // a sheet smaller than one tile: level 0 is the whole pyramid

    mBuilder = std::thread([this] { buildLoop(); });
    mLoader = std::thread([this] { loadLoop(); });
}

TilePyramid::~TilePyramid()
{
    {
        // Under the lock: the loader checks mStop and then sleeps under it, so a stop set between the
        // two without the lock would wake nobody and the join below would wait for ever.
        std::lock_guard<std::mutex> lock(mMutex);
        mStop.store(true);
    }
    mWake.notify_all();
    if (mBuilder.joinable())
        mBuilder.join();
    if (mLoader.joinable())
        mLoader.join();
}

QSize TilePyramid::levelSize(int level) const
{
    return {ceilShift(mSource->width(), level), ceilShift(mSource->height(), level)};
}

int TilePyramid::tilesAcross(int level) const
{
    return (levelSize(level).width() + kTileSize - 1) / kTileSize;
}

int TilePyramid::tilesDown(int level) const
{
    return (levelSize(level).height() + kTileSize - 1) / kTileSize;
}

QRect TilePyramid::tileRect(const TileKey &key) const
{
    const QSize s = levelSize(key.level);
    return QRect(key.tx * kTileSize, key.ty * kTileSize, kTileSize, kTileSize).intersected(QRect(QPoint(0, 0), s));
}

QImage TilePyramid::tile(const TileKey &key)
{
    std::lock_guard<std::mutex> lock(mMutex);
    if (key.level >= mPinnedLevel) {
        const auto it = mPinned.constFind(key.packed());
        if (it != mPinned.constEnd())
            return it.value();
    }
    auto it = mCache.find(key.packed());
    if (it == mCache.end())
        return {};
    it->lastUse = ++mUseCounter;
    return it->image;
}

void TilePyramid::request(const std::vector<TileKey> &keys)
{
    {
        std::lock_guard<std::mutex> lock(mMutex);
        mQueue.clear();
        for (const TileKey &key : keys) {
            if (key.level < 0 || key.level >= mLevelCount)
                continue;
            if (mCache.contains(key.packed()))
                continue;
            if (key.level >= mPinnedLevel) {
                if (mPinned.contains(key.packed()))
                    continue;
                // Coarse levels cost a read of a large window; wait for the builder instead.
                if (key.level > mPinnedLevel + 1)
                    continue;
                const int pinnedRow = key.ty << (key.level - mPinnedLevel);
                if (pinnedRow < mBuiltPinnedRows + 2)
                    continue;  // the builder is about to deliver it
            }
            mQueue.push_back(key);
        }
    }
    mWake.notify_all();
}

bool TilePyramid::isIdle() const
{
    std::lock_guard<std::mutex> lock(mMutex);
    return mQueue.empty() && mLoading == 0;
}

qint64 TilePyramid::memoryBytes() const
{
    std::lock_guard<std::mutex> lock(mMutex);
    return mPinnedBytes + mCacheBytes;
}

QImage TilePyramid::readReduced(const QRect &window, const QSize &outSize, QString &error) const
{
    // The source reduces palette (1-bit) scans by nearest neighbour, which breaks thin strokes
    // into dots; reading at full resolution and area-averaging here keeps them continuous.
    const QRect clipped = window.intersected(QRect(0, 0, mSource->width(), mSource->height()));
    const bool full = qint64(clipped.width()) * clipped.height() <= kFullReadPixels;
    auto img = mSource->readRgb(clipped, full ? QSize() : outSize);
    if (!img) {
        error = img.error();
        return {};
    }
    QImage rgb = img->convertToFormat(QImage::Format_RGB32);
    if (rgb.size() != outSize)
        rgb = rgb.scaled(outSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return rgb;
}

QImage TilePyramid::readTile(const TileKey &key, QString &error) const
{
    const QRect r = tileRect(key);
    const QRect window(r.x() << key.level, r.y() << key.level, r.width() << key.level, r.height() << key.level);
    return readReduced(window, r.size(), error);
}

void TilePyramid::storePinned(const TileKey &key, QImage image)
{
    std::lock_guard<std::mutex> lock(mMutex);
    mPinnedBytes += image.sizeInBytes();
    mPinned.insert(key.packed(), std::move(image));
    // A cached on-demand copy of the same tile is now redundant.
    auto it = mCache.find(key.packed());
    if (it != mCache.end()) {
        mCacheBytes -= it->image.sizeInBytes();
        mCache.erase(it);
    }
}

QImage TilePyramid::pinnedTile(const TileKey &key) const
{
    std::lock_guard<std::mutex> lock(mMutex);
    return mPinned.value(key.packed());
}

void TilePyramid::notifyReady()
{
    if (mReadyPosted.exchange(true))
        return;
    QMetaObject::invokeMethod(this, [this] {
        mReadyPosted.store(false);
        Q_EMIT tileReady();
    }, Qt::QueuedConnection);
}

void TilePyramid::buildLoop()
{
    const int level = mPinnedLevel;
    const int rows = tilesDown(level);
    const int across = tilesAcross(level);
    const QSize size = levelSize(level);
    for (int row = 0; row < rows && !mStop.load(); ++row) {
        // One strip of tiles, read in a single window so row-compressed files decode once.
        const QRect strip = QRect(0, row * kTileSize, size.width(), kTileSize).intersected(QRect(QPoint(0, 0), size));
        const QRect window(0, strip.y() << level, mSource->width(), strip.height() << level);
        QString message;
        const QImage rgb = readReduced(window, strip.size(), message);
        if (rgb.isNull()) {
            QMetaObject::invokeMethod(this, [this, message] { Q_EMIT readFailed(message); }, Qt::QueuedConnection);
            return;
        }
        for (int tx = 0; tx < across; ++tx) {
            const TileKey key{level, tx, row};
            const QRect r = tileRect(key);
            storePinned(key, rgb.copy(r.x(), 0, r.width(), r.height()));
        }
        {
            std::lock_guard<std::mutex> lock(mMutex);
            mBuiltPinnedRows = row + 1;
        }
        completeRow(level, row);
        const double percent = 100.0 * (row + 1) / rows;
        mProgress.store(percent);
        QMetaObject::invokeMethod(this, [this, percent] { Q_EMIT buildProgressChanged(percent); }, Qt::QueuedConnection);
        notifyReady();
    }
    if (mStop.load())
        return;
    mBuilt.store(true);
    QMetaObject::invokeMethod(this, [this] { Q_EMIT buildFinished(); }, Qt::QueuedConnection);
}

// Derives the parent row of tiles once both child rows of `level` are complete, recursively.
void TilePyramid::completeRow(int level, int tileRow)
{
    if (level + 1 >= mLevelCount || mStop.load())
        return;
    const bool lastRow = tileRow == tilesDown(level) - 1;
    if (tileRow % 2 == 0 && !lastRow)
        return;
    const int parent = level + 1;
    const int parentRow = tileRow / 2;
    const QSize childSize = levelSize(level);
    for (int tx = 0; tx < tilesAcross(parent); ++tx) {
        const TileKey key{parent, tx, parentRow};
        const QRect pr = tileRect(key);
        const QRect region = QRect(pr.x() * 2, pr.y() * 2, pr.width() * 2, pr.height() * 2)
                                 .intersected(QRect(QPoint(0, 0), childSize));
        QImage canvas(region.size(), QImage::Format_RGB32);
        canvas.fill(Qt::white);
        {
            QPainter p(&canvas);
            for (int dy = 0; dy < 2; ++dy) {
                for (int dx = 0; dx < 2; ++dx) {
                    const TileKey child{level, tx * 2 + dx, parentRow * 2 + dy};
                    const QImage img = pinnedTile(child);
                    if (!img.isNull())
                        p.drawImage(tileRect(child).topLeft() - region.topLeft(), img);
                }
            }
        }
        storePinned(key, canvas.scaled(pr.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    }
    completeRow(parent, parentRow);
}

void TilePyramid::loadLoop()
{
    bool reported = false;
    while (true) {
        TileKey key;
        {
            std::unique_lock<std::mutex> lock(mMutex);
            mWake.wait(lock, [this] { return mStop.load() || !mQueue.empty(); });
            if (mStop.load())
                return;
            key = mQueue.front();
            mQueue.pop_front();
            if (mCache.contains(key.packed()) || (key.level >= mPinnedLevel && mPinned.contains(key.packed())))
                continue;
            ++mLoading;
        }
        QString error;
        QImage img = readTile(key, error);
        {
            std::lock_guard<std::mutex> lock(mMutex);
            --mLoading;
            if (!img.isNull()) {
                mCacheBytes += img.sizeInBytes();
                mCache.insert(key.packed(), Cached{std::move(img), ++mUseCounter});
            }
        }
        if (!error.isEmpty() && !reported) {
            reported = true;
            QMetaObject::invokeMethod(this, [this, error] { Q_EMIT readFailed(error); }, Qt::QueuedConnection);
        }
        trimCache();
        notifyReady();
    }
}

void TilePyramid::trimCache()
{
    std::lock_guard<std::mutex> lock(mMutex);
    if (mCacheBytes <= mCacheBudget)
        return;
    std::vector<std::pair<quint64, quint64>> byAge;  // lastUse, key
    byAge.reserve(size_t(mCache.size()));
    for (auto it = mCache.cbegin(); it != mCache.cend(); ++it)
        byAge.emplace_back(it->lastUse, it.key());
    std::sort(byAge.begin(), byAge.end());
    for (const auto &[use, key] : byAge) {
        if (mCacheBytes <= mCacheBudget * 3 / 4)
            break;
        auto it = mCache.find(key);
        mCacheBytes -= it->image.sizeInBytes();
        mCache.erase(it);
    }
}

} // namespace veer
