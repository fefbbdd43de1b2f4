// Every route of the API, one file per area. Order is registration order.
import type { RouteSpec } from '../route';
import { annotationBatchRoutes } from './annotation-batches';
import { collectionRoutes } from './collection';
import { identityRoutes } from './identity';
import { jobsRoutes } from './jobs';
import { labelingRoutes } from './labeling';
import { projectsRoutes } from './projects';
import { sessionsRoutes } from './sessions';
import { uploadsRoutes } from './uploads';

export const routes: RouteSpec[] = [...identityRoutes, ...projectsRoutes, ...uploadsRoutes, ...collectionRoutes, ...annotationBatchRoutes, ...jobsRoutes, ...labelingRoutes, ...sessionsRoutes];
