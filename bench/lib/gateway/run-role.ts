/** Entry of the bench's child processes: `run-role.ts --role <name> [args…]`. */
import { roles } from './roles.ts';

if (process.argv[2] === '--role') {
  const role = roles[process.argv[3] ?? ''];
  if (!role) throw new Error(`unknown role ${String(process.argv[3])}`);
  await role(process.argv.slice(4));
  // Servers stop with their parent (it stops them at the end, or on its own exit); exiting
  // rather than dying on the signal lets --cpu-prof write its profile.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
} else {
  throw new Error('usage: run-role.ts --role <name> [args…]');
}
