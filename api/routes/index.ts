// Every route of the API, one file per area. Order is registration order.
import type { RouteSpec } from '../route';
import { collectionRoutes } from './collection';
import { identityRoutes } from './identity';
import { jobsRoutes } from './jobs';
import { labelingRoutes } from './labeling';
import { projectsRoutes } from './projects';

export const routes: RouteSpec[] = [...identityRoutes, ...projectsRoutes, ...collectionRoutes, ...jobsRoutes, ...labelingRoutes];
