import { directoryServiceQuery, getDirectoryServices } from './api/directory.js';
import { addGlobalMapping, deleteGlobalMapping, getGlobalMappings, updateGlobalMappings } from './api/global-mappings.js';
import { createNewSmb, getAliasAvailability, getAvailablePodRegions, getManagementLink, setTenantState, storeAlias } from './api/msp.js';
import { manage } from './api/manage.js';
import { getNicePlinks, getPolicyBlock, savePolicyBlock3, setPlinks } from './api/policy.js';
import { redrockQuery } from './api/redrock.js';
import { changeMembers, deleteRole, getRole, getRoleMembers, storeRole, updateRole } from './api/roles.js';
import type { Handler, Route } from './http/context.js';
import { serveCertificate, serveSpMetadata } from './sp/metadata.js';
import { SP_ROUTES } from './sp/routes.js';

type Def = [string, Handler, Partial<Omit<Route, 'handler'>>?];

const READ = ['POST', 'GET'] as const;
/** SP documents: GET (and POST), no auth, no native header (tenant-api.md §3.3, §9.3). */
const DOC = { auth: false, native: false, body: 'none', methods: ['GET', 'POST'] } as const;

/** Routes of tenant-api.md §3.3, §3.7, §4, §5, §6 and the MSP page, plus the SP side (issue 12). */
export const EXTRA_ROUTES: Def[] = [
  ['/Federation/GetGlobalGroupAssertionMappings', getGlobalMappings],
  ['/Federation/AddGlobalGroupAssertionMapping', addGlobalMapping],
  ['/Federation/DeleteGlobalGroupAssertionMapping', deleteGlobalMapping],
  ['/Federation/UpdateGlobalGroupAssertionMappings', updateGlobalMappings],
  ['/Federation/federationmetadata', serveSpMetadata, DOC],
  ['/Federation/SPSigningCertificate', serveCertificate('cert'), DOC],
  ['/Federation/SPSigningCertificateAuthority', serveCertificate('ca'), DOC],
  ['/Core/GetDirectoryServices', getDirectoryServices, { methods: READ }],
  ['/UserMgmt/DirectoryServiceQuery', directoryServiceQuery],
  ['/RedRock/query', redrockQuery],
  ...(['SaasManage', 'Roles'] as const).flatMap((svc): Def[] => [
    [`/${svc}/StoreRole`, storeRole],
    [`/${svc}/GetRole`, getRole],
    [`/${svc}/GetRoleMembers`, getRoleMembers],
    [`/${svc}/UpdateRole`, updateRole],
    [`/${svc}/AddUsersAndGroupsToRole`, changeMembers(true)],
    [`/${svc}/RemoveUsersAndGroupsFromRole`, changeMembers(false)],
    [`/${svc}/DeleteRole`, deleteRole],
  ]),
  ['/Policy/GetNicePlinks', getNicePlinks],
  ['/Policy/GetPolicyBlock', getPolicyBlock],
  ['/Policy/SavePolicyBlock3', savePolicyBlock3],
  ['/Policy/setPlinksv2', setPlinks],
  ['/msp/getavailablepodregions', getAvailablePodRegions],
  ['/msp/getaliasavailability', getAliasAvailability],
  ['/msp/createnewsmb', createNewSmb],
  ['/core/StoreAlias', storeAlias],
  ['/msp/getmanagementlink', getManagementLink],
  ['/msp/SetTenantState', setTenantState],
  // The management link's login (a browser GET; the pass is the credential).
  ['/manage', manage, { auth: false, native: false, body: 'none', methods: ['GET'] }],
  ...SP_ROUTES,
];
