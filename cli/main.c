/* placeholder */
#include <stdio.h>
int main(void) { puts("evidex"); return 0; }
