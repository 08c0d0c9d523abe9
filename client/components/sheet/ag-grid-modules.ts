// ag-grid's modules, registered once by the first grid to load (SheetGrid, the national list) rather than by the
// app's entry, so ag-grid's code loads only with a page that has a grid. Community modules only, never Enterprise.
import { AllCommunityModule, ModuleRegistry, ValidationModule } from 'ag-grid-community';

ModuleRegistry.registerModules(import.meta.env.DEV ? [AllCommunityModule, ValidationModule] : [AllCommunityModule]);
