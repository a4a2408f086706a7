import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel

#if canImport(Glibc)
    import Glibc
#endif

struct AccountCacheTests {
    @Test func aCachedLookupIsWhatNSSSaysAndAReloadedMappingAppliesAtOnce() {
        let cache = AccountCache()
        let me = getuid()
        let direct = Caller.resolve(uid: me, gid: getgid(), pid: getpid(), mapping: RoleMapping())
        let cached = Caller.resolve(uid: me, gid: getgid(), pid: getpid(), mapping: RoleMapping(), accounts: cache)
        #expect(cached.user == direct.user && cached.groups == direct.groups)
        // The roles come from the mapping of the moment, not from the cache.
        let mapping = RoleMapping(roles: ["office": Members(users: [direct.user])])
        #expect(Caller.resolve(uid: me, gid: 0, pid: 0, mapping: mapping, accounts: cache).roles == [.office])
        // A uid NSS does not know is named by its number, cached or not; clear() forgets.
        let unknown: UInt32 = 4_000_000_123
        #expect(cache.lookUp(unknown).user == "uid:\(unknown)")
        cache.clear()
        #expect(cache.lookUp(unknown).groups.isEmpty)
    }
}
