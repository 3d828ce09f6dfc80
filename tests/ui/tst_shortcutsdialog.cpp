// Help > Keyboard Shortcuts: generated from the window's actions, so it lists every shortcut.
#include "uitestutil.h"

#include "mainwindow.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace veer;

class TestShortcutsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsEveryShortcut();
    void dialogShowsTheList();

private:
    QTemporaryDir mDir;
};

void TestShortcutsDialog::initTestCase()
{
    QVERIFY(mDir.isValid());
    test::isolateSettings(mDir.filePath(QStringLiteral("config")));
}

void TestShortcutsDialog::listsEveryShortcut()
{
    MainWindow window;
    const std::vector<ShortcutEntry> entries = windowShortcuts(window);
    auto find = [&](const QString &group, const QString &action) -> const ShortcutEntry * {
        for (const ShortcutEntry &e : entries) {
            if (e.group == group && e.action == action)
                return &e;
        }
        return nullptr;
    };
    // Every action of the window that has a shortcut is listed once, with its keys.
    int withShortcut = 0;
    for (const QAction *a : window.findChildren<QAction *>()) {
        if (a->shortcut().isEmpty() || a->text().isEmpty())
            continue;
        ++withShortcut;
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        if (text.endsWith(QStringLiteral("...")))
            text.chop(3);
        int found = 0;
        for (const ShortcutEntry &e : entries)
            found += e.action == text.trimmed() && e.keys.contains(a->shortcut().toString(QKeySequence::NativeText)) ? 1 : 0;
        QVERIFY2(found >= 1, qPrintable(QStringLiteral("%1 (%2) is not listed").arg(text, a->shortcut().toString())));
    }
    QCOMPARE(int(entries.size()), withShortcut);
    QVERIFY(withShortcut >= 20);
    const ShortcutEntry *undo = find(QStringLiteral("Edit"), QStringLiteral("Undo"));
    QVERIFY(undo);
    QCOMPARE(undo->keys, QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
    QVERIFY(find(QStringLiteral("View"), QStringLiteral("Go to Depth")));
    QVERIFY(find(QStringLiteral("View > Layers"), QStringLiteral("Curve one")));
    QVERIFY(find(QStringLiteral("Help"), QStringLiteral("Keyboard Shortcuts")));
}

void TestShortcutsDialog::dialogShowsTheList()
{
    MainWindow window;
    auto *action = window.findChild<QAction *>(QStringLiteral("shortcutsAction"));
    QVERIFY(action);
    action->trigger();
    auto *dialog = window.findChild<ShortcutsDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *tree = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutList"));
    QVERIFY(tree);
    int rows = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        rows += tree->topLevelItem(i)->childCount();
    QCOMPARE(rows, int(windowShortcuts(window).size()));
    // VEER_SCREENSHOT_OUT=FILE.png saves the dialog for the docs.
    const QString out = qEnvironmentVariable("VEER_SCREENSHOT_OUT");
    if (!out.isEmpty())
        QVERIFY(dialog->grab().save(out));
}

QTEST_MAIN(TestShortcutsDialog)
#include "tst_shortcutsdialog.moc"
