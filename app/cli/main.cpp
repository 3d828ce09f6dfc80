// veer-cli: headless batch work, evaluation, synthetic data and training.
#include "cliutil.h"
#include "commands.h"

#include "base/heappolicy.h"
#include "base/version.h"

#include <QCoreApplication>

#include <algorithm>

namespace veer::cli {

std::vector<Command> &commandRegistry()
{
    static std::vector<Command> commands;
    return commands;
}

static void printUsage(FILE *to)
{
    QString text = QStringLiteral("Usage: veer-cli COMMAND [ARGS...]\n"
                                  "       veer-cli --version | --help\n\n"
                                  "Digitize scanned well logs into LAS.\n\nCommands:\n");
    auto commands = commandRegistry();
    std::sort(commands.begin(), commands.end(),
              [](const Command &a, const Command &b) { return qstrcmp(a.name, b.name) < 0; });
    for (const Command &c : commands)
        text += QStringLiteral("  %1 %2\n").arg(QString::fromLatin1(c.name).leftJustified(10), QString::fromUtf8(c.summary));
    text += QStringLiteral("\nRun 'veer-cli COMMAND --help' for a command's options.\n");
    std::fputs(text.toUtf8().constData(), to);
}

} // namespace veer::cli

int main(int argc, char *argv[])
{
    using namespace veer::cli;
    veer::setHeapPolicy(veer::HeapPolicy::KeepForReuse);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("veer-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VEER_VERSION_STRING));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printUsage(stderr);
        return ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        printOut(QStringLiteral("veer-cli %1\n").arg(QStringLiteral(VEER_VERSION_STRING)));
        return ExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        printUsage(stdout);
        return ExitOk;
    }
    for (const Command &c : commandRegistry()) {
        if (command == QLatin1String(c.name))
            return c.run(args);
    }
    printError(QStringLiteral("unknown command '%1'").arg(command));
    printUsage(stderr);
    return ExitUsage;
}
