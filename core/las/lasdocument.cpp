#include "lasdocument.h"

namespace veer {

namespace {

template<typename Item>
const Item *findByMnemonic(const std::vector<Item> &items, const QString &mnemonic)
{
    for (const Item &item : items) {
        if (item.mnemonic == mnemonic)
            return &item;
    }
    for (const Item &item : items) {
        if (item.mnemonic.compare(mnemonic, Qt::CaseInsensitive) == 0)
            return &item;
    }
    return nullptr;
}

} // namespace

const LasCurve *LasDocument::curve(const QString &mnemonic) const
{
    return findByMnemonic(curves, mnemonic);
}

QString LasDocument::wellValue(const QString &mnemonic) const
{
    const LasHeaderItem *item = findByMnemonic(well, mnemonic);
    return item ? item->value : QString();
}

void LasDocument::setWellValue(const QString &mnemonic, const QString &value, const QString &description)
{
    if (const LasHeaderItem *found = findByMnemonic(well, mnemonic)) {
        auto &item = well[static_cast<std::size_t>(found - well.data())];
        item.value = value;
        if (!description.isEmpty())
            item.description = description;
        return;
    }
    well.push_back(LasHeaderItem{mnemonic, QString(), value, description});
}

} // namespace veer
