import { createLogger } from '@kinga/shared';
import { startGateway } from './start-gateway';

const logger = createLogger('gateway');
startGateway(process.env, logger)
  .then((running) => {
    const shutdown = () => {
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  })
  .catch((error: Error) => {
    if (error.name === 'ConfigError' || error.name === 'CompositionError') console.error(error.message);
    else logger.fatal({ err: { name: error.name, message: error.message, stack: error.stack } }, 'gateway failed to start');
    process.exit(1);
  });
