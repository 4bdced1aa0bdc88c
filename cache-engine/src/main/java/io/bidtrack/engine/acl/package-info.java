/**
 * Users, their permissions and authentication, as Redis 7.0's ACL: users with passwords and
 * selectors (command bitmaps, key and channel patterns), the checks the dispatcher makes before
 * running a command, and the ACL LOG of denials. The command handlers live in command.acl.
 */
package io.bidtrack.engine.acl;
