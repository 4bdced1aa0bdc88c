/**
 * Command execution: the command table, the checks every command goes through, the per-client
 * state commands see, and the engine-wide state. Each subpackage implements one family of commands;
 * {@link io.bidtrack.engine.command.BuiltinCommands} lists them all.
 */
package io.bidtrack.engine.command;
