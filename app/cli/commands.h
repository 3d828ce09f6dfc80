#pragma once

#include <QStringList>

#include <vector>

namespace veer::cli {

/** One veer-cli sub-command. run() gets the arguments after the command name and returns the exit code. */
struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &args);
};

/** All commands, registered by the cmd*.cpp files through VEER_CLI_COMMAND. */
std::vector<Command> &commandRegistry();

struct CommandRegistrar
{
    CommandRegistrar(const char *name, const char *summary, int (*run)(const QStringList &))
    {
        commandRegistry().push_back({name, summary, run});
    }
};

} // namespace veer::cli

#define VEER_CLI_COMMAND(name, summary, function) \
    static const veer::cli::CommandRegistrar veerCliRegistrar_##function(name, summary, function)
